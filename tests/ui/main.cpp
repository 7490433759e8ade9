// Catch2 entry point for the headless UI tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
