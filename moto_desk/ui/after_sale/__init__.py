"""After the sale: history, receipts, consent evidence, card-on-file health."""
