"""Training: the simulated reader and Stripe's public test cards."""
