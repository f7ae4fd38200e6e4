"""The observatory's pages: the incidents (``/observatory``), the open data and its dictionary
(``/observatory/data``) and human access over time (``/observatory/human-access``)."""
