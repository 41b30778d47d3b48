#ifndef CJPEG_H
#define CJPEG_H

#include <stddef.h>
#include <stdint.h>

/// Decodes a JPEG held in memory to 8-bit RGBA (alpha 255), refusing images beyond the limits
/// before decompressing. libjpeg reports errors by calling exit() unless an error handler
/// longjmps; this C wrapper does that and returns a code and a message.
///
/// Returns 0 on success; the caller frees *out_pixels with cjpeg_free.
int cjpeg_decode_rgba(const uint8_t *data, size_t size,
                      uint32_t max_width, uint32_t max_height, uint64_t max_pixels, uint64_t max_memory,
                      uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                      int *out_components, char *message, size_t message_size);

void cjpeg_free(void *pointer);

#endif
