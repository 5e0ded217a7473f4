"""moto_desk.records (see DESIGN layers)."""
