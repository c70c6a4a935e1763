"""The iWmo/iJw 3.2 messages as data: typed records (``types``), built with lxml (``build``),
read by a hardened parser (``read``), checked against the published rules (``checks``) and,
when the operator configures the official XSD folder, against the XSD (``xsd``)."""
