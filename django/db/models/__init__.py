"""The public ``django.db.models`` namespace."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import signals
from django.db.models.aggregates import *  # noqa: F403
from django.db.models.aggregates import __all__ as aggregates_all
from django.db.models.constraints import *  # noqa: F403
from django.db.models.constraints import __all__ as constraints_all
from django.db.models.deletion import (
    CASCADE,
    DO_NOTHING,
    PROTECT,
    RESTRICT,
    SET,
    SET_DEFAULT,
    SET_NULL,
    ProtectedError,
    RestrictedError,
)
from django.db.models.enums import *  # noqa: F403
from django.db.models.enums import __all__ as enums_all
from django.db.models.expressions import (
    Case,
    Exists,
    Expression,
    ExpressionList,
    ExpressionWrapper,
    F,
    Func,
    OrderBy,
    OuterRef,
    RowRange,
    Subquery,
    Value,
    ValueRange,
    When,
    Window,
    WindowFrame,
    WindowFrameExclusion,
)
from django.db.models.fields import *  # noqa: F403
from django.db.models.fields import __all__ as fields_all
from django.db.models.fields import (
    json_lookups,  # noqa: F401  (registers the JSON lookups)
    tuple_lookups,  # noqa: F401  (registers the pk=(a, b) lookups)
)
from django.db.models.fields.composite import CompositePrimaryKey
from django.db.models.fields.files import FileField, ImageField
from django.db.models.fields.generated import GeneratedField
from django.db.models.fields.json import JSONField
from django.db.models.fields.proxy import OrderWrt
from django.db.models.indexes import *  # noqa: F403
from django.db.models.indexes import __all__ as indexes_all
from django.db.models.lookups import Lookup, Transform
from django.db.models.manager import Manager
from django.db.models.query import (
    Prefetch,
    QuerySet,
    aprefetch_related_objects,
    prefetch_related_objects,
)
from django.db.models.query_utils import FilteredRelation, Q

# Imported last: base depends on most of the above.
from django.db.models.base import DEFERRED, Model  # isort:skip
from django.db.models.fields.related import (  # isort:skip
    ForeignKey,
    ForeignObject,
    ManyToManyField,
    OneToOneField,
)
from django.db.models.fields.reverse_related import (  # isort:skip
    ForeignObjectRel,
    ManyToManyRel,
    ManyToOneRel,
    OneToOneRel,
)

__all__ = aggregates_all + constraints_all + enums_all + fields_all + indexes_all
__all__ += [
    "ObjectDoesNotExist",
    "signals",
    "CASCADE",
    "DO_NOTHING",
    "PROTECT",
    "RESTRICT",
    "SET",
    "SET_DEFAULT",
    "SET_NULL",
    "ProtectedError",
    "RestrictedError",
    "Case",
    "CompositePrimaryKey",
    "Exists",
    "Expression",
    "ExpressionList",
    "ExpressionWrapper",
    "F",
    "Func",
    "OrderBy",
    "OuterRef",
    "RowRange",
    "Subquery",
    "Value",
    "ValueRange",
    "When",
    "Window",
    "WindowFrame",
    "WindowFrameExclusion",
    "FileField",
    "ImageField",
    "GeneratedField",
    "JSONField",
    "OrderWrt",
    "Lookup",
    "Transform",
    "Manager",
    "Prefetch",
    "Q",
    "QuerySet",
    "aprefetch_related_objects",
    "prefetch_related_objects",
    "DEFERRED",
    "Model",
    "FilteredRelation",
    "ForeignKey",
    "ForeignObject",
    "OneToOneField",
    "ManyToManyField",
    "ForeignObjectRel",
    "ManyToOneRel",
    "OneToOneRel",
    "ManyToManyRel",
]
