"""Webhooks, as the Standard Webhooks specification has them: endpoints an admin registers,
an outbox written in the transaction of each event, and a deliverer in every API process."""
