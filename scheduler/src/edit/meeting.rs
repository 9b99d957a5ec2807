//! Meeting placement.
