"""moto-desk: save a customer's card by MOTO on a Stripe Terminal reader and charge it later."""

__version__ = "0.1.0"
