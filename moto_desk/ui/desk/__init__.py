"""The desk itself: customer search, consent, readers, the save and its status, the saved
cards, the mode banner and the notices above them."""
