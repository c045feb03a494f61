"""The roles of the product, one owner for their names."""

from enum import StrEnum


class Role(StrEnum):
    ADVISOR = "advisor"
    CLIENT = "client"
    SERVICE = "service"
    ADMIN = "admin"
