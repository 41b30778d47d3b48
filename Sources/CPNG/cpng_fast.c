#include "cpng.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>


/* The common generator output — 8-bit RGB or RGBA, not interlaced, every chunk intact —
 * decoded with libdeflate (several times faster than zlib's inflate) and our own unfiltering.
 * Anything else, or anything odd, returns -1 so the caller uses libpng, whose behaviour and
 * messages stay the reference. */

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint8_t paeth(uint8_t a, uint8_t b, uint8_t c) {
    int p = (int)a + (int)b - (int)c;
    int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
}

/* Reverses the PNG row filters in place; returns 0, or -1 for an unknown filter type. */
static int unfilter(uint8_t *raw, uint32_t width, uint32_t height, size_t bpp) {
    size_t stride = (size_t)width * bpp;
    const uint8_t *previous = NULL;
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *row = raw + (size_t)y * (stride + 1);
        uint8_t filter = row[0];
        uint8_t *line = row + 1;
        switch (filter) {
        case 0:
            break;
        case 1:
            for (size_t i = bpp; i < stride; i++) line[i] = (uint8_t)(line[i] + line[i - bpp]);
            break;
        case 2:
            if (previous)
                for (size_t i = 0; i < stride; i++) line[i] = (uint8_t)(line[i] + previous[i]);
            break;
        case 3:
            for (size_t i = 0; i < stride; i++) {
                unsigned left = i >= bpp ? line[i - bpp] : 0;
                unsigned up = previous ? previous[i] : 0;
                line[i] = (uint8_t)(line[i] + ((left + up) >> 1));
            }
            break;
        case 4:
            for (size_t i = 0; i < stride; i++) {
                uint8_t left = i >= bpp ? line[i - bpp] : 0;
                uint8_t up = previous ? previous[i] : 0;
                uint8_t corner = (previous && i >= bpp) ? previous[i - bpp] : 0;
                line[i] = (uint8_t)(line[i] + paeth(left, up, corner));
            }
            break;
        default:
            return -1;
        }
        previous = line;
    }
    return 0;
}

int cpng_fast_decode_rgba(const uint8_t *data, size_t size,
                          uint32_t max_width, uint32_t max_height, uint64_t max_pixels,
                          uint8_t **out_pixels, uint32_t *out_width, uint32_t *out_height,
                          cpng_info *info) {
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    *out_pixels = NULL;
    if (size < 8 + 25 || memcmp(data, signature, 8) != 0) return -1;
    size_t offset = 8;
    uint32_t width = 0, height = 0;
    int channels = 0, seen_header = 0, seen_end = 0, idat_state = 0; /* 0 none yet, 1 in, 2 after */
    size_t idat_total = 0;
    /* First pass: check every chunk's length and CRC, read IHDR, size the image data. */
    while (offset + 12 <= size) {
        uint32_t length = be32(data + offset);
        if (length > 0x7FFFFFFFu || (size_t)length > size - offset - 12) return -1;
        const uint8_t *type = data + offset + 4;
        const uint8_t *body = data + offset + 8;
        uint32_t crc = libdeflate_crc32(0, type, (size_t)length + 4);
        if (crc != be32(body + length)) return -1;
        if (!seen_header) {
            if (memcmp(type, "IHDR", 4) != 0 || length != 13) return -1;
            width = be32(body);
            height = be32(body + 4);
            if (body[8] != 8 || body[10] != 0 || body[11] != 0 || body[12] != 0) return -1;
            if (body[9] == 2) channels = 3;
            else if (body[9] == 6) channels = 4;
            else return -1;
            if (width == 0 || height == 0) return -1;
            seen_header = 1;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            if (idat_state == 2) return -1; /* image data split by other chunks */
            idat_state = 1;
            idat_total += length;
        } else if (memcmp(type, "tRNS", 4) == 0 || memcmp(type, "PLTE", 4) == 0) {
            return -1; /* colour keys and palettes: libpng's conversions apply */
        } else if (memcmp(type, "IEND", 4) == 0) {
            seen_end = 1;
            break;
        } else if (!(type[0] & 0x20)) {
            return -1; /* an unknown critical chunk */
        }
        if (idat_state == 1 && memcmp(type, "IDAT", 4) != 0) idat_state = 2;
        offset += (size_t)length + 12;
    }
    if (!seen_header || !seen_end || idat_total == 0) return -1;
    if (width > max_width || height > max_height || (uint64_t)width * height > max_pixels) return -1;

    size_t stride = (size_t)width * (size_t)channels;
    size_t raw_size = (size_t)height * (stride + 1);
    uint8_t *compressed = malloc(idat_total);
    uint8_t *raw = malloc(raw_size);
    uint8_t *pixels = malloc((size_t)width * height * 4);
    struct libdeflate_decompressor *decompressor = libdeflate_alloc_decompressor();
    int status = -1;
    if (compressed && raw && pixels && decompressor) {
        size_t at = 0;
        offset = 8;
        while (offset + 12 <= size) {
            uint32_t length = be32(data + offset);
            if (memcmp(data + offset + 4, "IDAT", 4) == 0) {
                memcpy(compressed + at, data + offset + 8, length);
                at += length;
            }
            if (memcmp(data + offset + 4, "IEND", 4) == 0) break;
            offset += (size_t)length + 12;
        }
        size_t produced = 0;
        enum libdeflate_result result =
            libdeflate_zlib_decompress(decompressor, compressed, idat_total, raw, raw_size, &produced);
        if (result == LIBDEFLATE_SUCCESS && produced == raw_size && unfilter(raw, width, height, (size_t)channels) == 0) {
            for (uint32_t y = 0; y < height; y++) {
                const uint8_t *line = raw + (size_t)y * (stride + 1) + 1;
                uint8_t *out = pixels + (size_t)y * width * 4;
                if (channels == 4) {
                    memcpy(out, line, stride);
                } else {
                    for (uint32_t x = 0; x < width; x++) {
                        out[4 * x] = line[3 * x];
                        out[4 * x + 1] = line[3 * x + 1];
                        out[4 * x + 2] = line[3 * x + 2];
                        out[4 * x + 3] = 0xFF;
                    }
                }
            }
            status = 0;
        }
    }
    if (decompressor) libdeflate_free_decompressor(decompressor);
    free(compressed);
    free(raw);
    if (status != 0) {
        free(pixels);
        return -1;
    }
    *out_pixels = pixels;
    *out_width = width;
    *out_height = height;
    info->color_type = channels == 4 ? 6 : 2;
    info->bit_depth = 8;
    info->interlaced = 0;
    info->has_transparency_chunk = 0;
    return 0;
}
