"""moto_desk.gateway (see DESIGN layers)."""
