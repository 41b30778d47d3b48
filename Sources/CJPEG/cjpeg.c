#include "cjpeg.h"

#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t message_size;
    int truncated;
} error_state;

static void on_error(j_common_ptr info) {
    error_state *state = (error_state *)info->err;
    char text[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, text);
    if (state->message && state->message_size > 0) snprintf(state->message, state->message_size, "%s", text);
    longjmp(state->jump, 1);
}

/* libjpeg treats a file that ends early as a warning and pads the image with grey; a
 * provenance digest of invented pixels would be wrong, so the warning becomes an error, and
 * decoding stops as soon as it is seen. (Damaged scan data inside a complete file is decoded as
 * libjpeg decodes it: deterministic, so its digest is reproducible, and a credential on it is
 * then judged tampered.) */
static void on_emit(j_common_ptr info, int level) {
    error_state *state = (error_state *)info->err;
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) state->truncated = 1;
}

/* The fewest bytes that can code the image the header declares: Huffman coding spends at least
 * one bit on every 8x8 block of every component (its DC difference), in sequential and
 * progressive files alike. Arithmetic coding can spend less, so it has no such floor (0). */
static uint64_t minimum_entropy_bytes(const struct jpeg_decompress_struct *cinfo) {
    if (cinfo->arith_code) return 0;
    int max_h = 1, max_v = 1;
    for (int i = 0; i < cinfo->num_components; i++) {
        if (cinfo->comp_info[i].h_samp_factor > max_h) max_h = cinfo->comp_info[i].h_samp_factor;
        if (cinfo->comp_info[i].v_samp_factor > max_v) max_v = cinfo->comp_info[i].v_samp_factor;
    }
    uint64_t blocks = 0;
    for (int i = 0; i < cinfo->num_components; i++) {
        uint64_t width = ((uint64_t)cinfo->image_width * cinfo->comp_info[i].h_samp_factor + max_h - 1) / max_h;
        uint64_t height = ((uint64_t)cinfo->image_height * cinfo->comp_info[i].v_samp_factor + max_v - 1) / max_v;
        blocks += ((width + 7) / 8) * ((height + 7) / 8);
    }
    return blocks / 8;
}

int cjpeg_decode_rgba(const uint8_t *data, size_t size,
                      uint32_t max_width, uint32_t max_height, uint64_t max_pixels, uint64_t max_memory,
                      uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                      int *out_components, char *message, size_t message_size) {
    *out_pixels = NULL;
    if (message_size > 0) message[0] = 0;
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8) {
        snprintf(message, message_size, "not a JPEG file (no SOI marker)");
        return 1;
    }
    struct jpeg_decompress_struct cinfo;
    error_state errors;
    memset(&cinfo, 0, sizeof(cinfo));
    cinfo.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = on_error;
    errors.base.emit_message = on_emit;
    errors.truncated = 0;
    errors.message = message;
    errors.message_size = message_size;
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile row = NULL;
    if (setjmp(errors.jump)) {
        free(pixels);
        free(row);
        jpeg_destroy_decompress(&cinfo);
        if (message_size > 0 && message[0] == 0) snprintf(message, message_size, "the JPEG is malformed");
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = (long)max_memory;
    jpeg_mem_src(&cinfo, (const unsigned char *)data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > max_width || cinfo.image_height > max_height ||
        (uint64_t)cinfo.image_width * cinfo.image_height > max_pixels) {
        snprintf(message, message_size, "the image is %ux%u pixels, beyond the limit", cinfo.image_width, cinfo.image_height);
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    uint64_t needed = minimum_entropy_bytes(&cinfo);
    if (needed > size) {
        snprintf(message, message_size,
                 "the header declares %ux%u pixels, which take at least %llu bytes to code, but the file has %zu (truncated)",
                 cinfo.image_width, cinfo.image_height, (unsigned long long)needed, size);
        jpeg_destroy_decompress(&cinfo);
        return 3;
    }
    *out_components = cinfo.num_components;
    /* The pixel digest's canonical form: RGB from libjpeg's default (accurate integer IDCT,
     * fancy upsampling), then alpha 255. CMYK and YCCK are refused rather than guessed at. */
    if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
        snprintf(message, message_size, "CMYK JPEGs are not supported");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    cinfo.out_color_space = JCS_RGB;
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    uint32_t width = cinfo.output_width, height = cinfo.output_height;
    if (errors.truncated) goto truncated; /* a progressive file is read whole by now */
    pixels = malloc((size_t)width * height * 4);
    row = malloc((size_t)width * 3);
    if (!pixels || !row) {
        free(pixels);
        free(row);
        jpeg_destroy_decompress(&cinfo);
        snprintf(message, message_size, "out of memory for %ux%u pixels", width, height);
        return 1;
    }
    while (cinfo.output_scanline < height) {
        uint32_t y = cinfo.output_scanline;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
        if (errors.truncated) goto truncated;
        uint8_t *out = pixels + (size_t)y * width * 4;
        for (uint32_t x = 0; x < width; x++) {
            out[4 * x] = row[3 * x];
            out[4 * x + 1] = row[3 * x + 1];
            out[4 * x + 2] = row[3 * x + 2];
            out[4 * x + 3] = 0xFF;
        }
    }
    if (errors.truncated) goto truncated;
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    *out_pixels = pixels;
    *out_width = width;
    *out_height = height;
    return 0;

truncated:
    free(pixels);
    free(row);
    jpeg_destroy_decompress(&cinfo);
    snprintf(message, message_size, "premature end of the JPEG data (truncated)");
    return 3;
}

void cjpeg_free(void *pointer) { free(pointer); }
