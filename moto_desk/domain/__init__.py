"""moto_desk.domain (see DESIGN layers)."""
