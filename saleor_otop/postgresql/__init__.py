"""Django's PostgreSQL backend, creating the test database with a UTF-8 locale.

pg_trgm extracts trigrams only from characters the database's LC_CTYPE calls letters: under
the C locale Thai and Japanese have none, so search by typos and substrings finds nothing.
A server initialised with another default locale would hand its test database that locale;
this backend asks for C.UTF-8 from template0 instead.
"""
