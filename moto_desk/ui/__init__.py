"""moto_desk.ui (see DESIGN layers)."""
