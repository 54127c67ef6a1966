//! `wa-webhook check`: parse payloads, report fields, drift and round trip.
