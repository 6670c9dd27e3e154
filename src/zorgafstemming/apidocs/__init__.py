"""The API's published contract: the OpenAPI document and the static page rendered from it.

``document.py`` builds the document exactly as the service serves it; ``page.py`` renders it
into ``site/index.html`` (no script, no inline style, nothing loaded from elsewhere), served at
``/docs/api`` wherever the document itself is served. ``make api-docs`` re-renders the page and
``make client`` regenerates the Python client in ``clients/python/`` from the same document.
"""
