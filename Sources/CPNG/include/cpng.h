#ifndef CPNG_H
#define CPNG_H

#include <stddef.h>
#include <stdint.h>

/// What the decoder found in the file before converting it.
typedef struct {
    int color_type;     /* PNG colour type as stored: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
    int bit_depth;      /* 1, 2, 4, 8 or 16 */
    int interlaced;     /* 1 for Adam7 */
    int has_transparency_chunk; /* tRNS present */
} cpng_info;

/// Decodes a PNG held in memory to 8-bit RGBA, refusing images beyond the limits before any
/// pixel memory is allocated. libpng reports errors by longjmp, which Swift cannot catch; this
/// C wrapper turns them into a return code and a message.
///
/// Returns 0 on success; the caller frees *out_pixels with cpng_free.
int cpng_decode_rgba(const uint8_t *data, size_t size,
                     uint32_t max_width, uint32_t max_height, uint64_t max_pixels,
                     uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                     cpng_info *info, char *message, size_t message_size);

/// The fast path for 8-bit RGB/RGBA, non-interlaced PNGs with every chunk intact (libdeflate
/// and own unfiltering). Returns 0 on success, -1 when the file is not one it handles — then
/// use cpng_decode_rgba, whose behaviour is the reference.
int cpng_fast_decode_rgba(const uint8_t *data, size_t size,
                          uint32_t max_width, uint32_t max_height, uint64_t max_pixels,
                          uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                          cpng_info *info);

void cpng_free(void *pointer);

#endif
