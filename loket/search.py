"""Text search: PostgreSQL full-text search where available, a portable fallback elsewhere (SQLite).

Every word the user types must match (as a word prefix on PostgreSQL: "aal" finds "Aalst").
"""

import re

from django.db import connection
from django.db.models import Q


def words(text):
    """The search words, without tsquery operators or other punctuation."""
    return [w for w in re.split(r"[^\w]+", text or "") if w][:10]


def text_search(queryset, fields, text):
    terms = words(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
        return queryset.annotate(_zoekvector=SearchVector(*fields, config="simple")).filter(_zoekvector=query)
    for term in terms:
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(match)
    return queryset
