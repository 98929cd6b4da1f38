//! The one integration-test binary: runs the real `certplan` on fixtures and bundled data.

mod util;

mod cli;
