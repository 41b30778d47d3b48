#ifndef COLOPHON_FUZZ_DRIVER_H
#define COLOPHON_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for a program with its own main (libFuzzer's own main is then not linked).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
