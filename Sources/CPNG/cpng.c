#include "cpng.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
    char *message;
    size_t message_size;
} reader_state;

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    reader_state *state = (reader_state *)png_get_io_ptr(png);
    if (state->offset + count > state->size) {
        png_error(png, "the file ends in the middle of the image (truncated)");
    }
    memcpy(out, state->data + state->offset, count);
    state->offset += count;
}

static void on_error(png_structp png, png_const_charp text) {
    reader_state *state = (reader_state *)png_get_error_ptr(png);
    if (state && state->message && state->message_size > 0) {
        snprintf(state->message, state->message_size, "%s", text);
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

int cpng_decode_rgba(const uint8_t *data, size_t size,
                     uint32_t max_width, uint32_t max_height, uint64_t max_pixels,
                     uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                     cpng_info *info, char *message, size_t message_size) {
    *out_pixels = NULL;
    if (message_size > 0) message[0] = 0;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(message, message_size, "not a PNG file (bad signature)");
        return 1;
    }
    reader_state state = {data, size, 8, message, message_size};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (!png) {
        snprintf(message, message_size, "libpng could not start");
        return 1;
    }
    png_infop header = png_create_info_struct(png);
    if (!header) {
        png_destroy_read_struct(&png, NULL, NULL);
        snprintf(message, message_size, "libpng could not start");
        return 1;
    }
    uint8_t *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &header, NULL);
        if (message_size > 0 && message[0] == 0) snprintf(message, message_size, "the PNG is malformed");
        return 1;
    }
    png_set_read_fn(png, &state, read_from_memory);
    png_set_sig_bytes(png, 8);
    /* Refuse decompression bombs before allocating: dimensions, and ancillary chunk memory. */
    png_set_user_limits(png, max_width, max_height);
    png_set_chunk_malloc_max(png, 64u << 20);
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
#ifdef PNG_IGNORE_ADLER32
    /* Chunk CRCs already guard every IDAT byte; the zlib Adler-32 on top costs a tenth of the
     * decode and catches nothing they miss. */
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    png_read_info(png, header);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, header, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    if ((uint64_t)width * (uint64_t)height > max_pixels) {
        snprintf(message, message_size, "the image is %ux%u pixels, beyond the limit of %llu pixels",
                 (unsigned)width, (unsigned)height, (unsigned long long)max_pixels);
        png_destroy_read_struct(&png, &header, NULL);
        return 2;
    }
    info->color_type = color_type;
    info->bit_depth = bit_depth;
    info->interlaced = interlace != PNG_INTERLACE_NONE;
    info->has_transparency_chunk = png_get_valid(png, header, PNG_INFO_tRNS) != 0;

    /* The pixel digest's canonical form: 8-bit RGBA. Palettes and low bit depths expand, tRNS
     * becomes alpha, grey replicates to R=G=B, 16-bit samples scale with rounding, a missing
     * alpha channel is filled with 255. No gamma or colour-profile conversion is applied. */
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, header, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
    if (interlace != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    png_read_update_info(png, header);

    size_t stride = png_get_rowbytes(png, header);
    if (stride != (size_t)width * 4) {
        snprintf(message, message_size, "unexpected row size after conversion to RGBA");
        png_destroy_read_struct(&png, &header, NULL);
        return 1;
    }
    pixels = malloc(stride * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &header, NULL);
        snprintf(message, message_size, "out of memory for %ux%u pixels", (unsigned)width, (unsigned)height);
        return 1;
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * stride;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &header, NULL);
    *out_pixels = pixels;
    *out_width = width;
    *out_height = height;
    return 0;
}

void cpng_free(void *pointer) { free(pointer); }
