"""The article list and its panel of filters."""
