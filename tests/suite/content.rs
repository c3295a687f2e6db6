//! The real content/ tree builds: parity, links and templates.
