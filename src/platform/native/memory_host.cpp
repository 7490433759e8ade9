// MemoryHost is header-only; this file anchors the platform/native library. Layer: platform/native.
#include "platform/native/memory_host.hpp"
