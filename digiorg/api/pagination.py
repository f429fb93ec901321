from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 by default; `page_size` up to 500 for integrations that sync whole lists."""

    page_size_query_param = "page_size"
    max_page_size = 500
