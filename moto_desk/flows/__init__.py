"""moto_desk.flows (see DESIGN layers)."""
