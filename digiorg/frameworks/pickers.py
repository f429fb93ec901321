"""How a criterion reads in the criteria picker (core.pickers.PickerCheckboxes): under its
dimension, then its topic or sub-topic. One description for every form that picks criteria."""

from digiorg.core.pickers import Described


def _dimension(node):
    while node.parent_id is not None and node.parent is not None:
        node = node.parent
    return node


def describe_criterion(criterion) -> Described:
    node = criterion.node
    dimension = _dimension(node)
    return Described(
        group=f"{dimension.ref} {dimension.title}",
        subgroup=f"{node.ref} {node.title}",
        code=criterion.ref,
        text=criterion.text,
    )


def criteria_for_picker(criteria):
    """The queryset the picker walks: each criterion's node up to its dimension, no query each."""
    return criteria.select_related("node__parent__parent")
