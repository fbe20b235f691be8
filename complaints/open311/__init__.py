"""Open311 GeoReport v2 endpoints over the portal's complaints."""
