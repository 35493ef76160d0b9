"""Alliance Desk (联盟协作台): records, sync and the annual report of the Hubei AI Industry Innovation Alliance."""

__version__ = "0.1.0"
