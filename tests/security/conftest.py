from tests.test_url_access import walk  # noqa: F401  (the URL walk's fixture: two besturen with objects)
