"""The audit trail, below every service that writes one: register, review and access all
record here, and it imports none of them."""
