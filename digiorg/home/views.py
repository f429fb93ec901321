from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digiorg.frameworks.selectors import framework_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"frameworks": framework_list()})
