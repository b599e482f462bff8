/* A minimal flattened-device-tree reader: header check, node lookup by path, properties.
   Everything in the blob is big-endian; offsets are into the structure block. */
#include "runtime.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define FDT_MAX_SIZE (1u << 20)

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t header(const void *fdt, int field) { return be32((const uint8_t *)fdt + field * 4); }
#define H_MAGIC 0
#define H_TOTALSIZE 1
#define H_OFF_STRUCT 2
#define H_OFF_STRINGS 3
#define H_SIZE_STRUCT 9

static const uint8_t *structure(const void *fdt) { return (const uint8_t *)fdt + header(fdt, H_OFF_STRUCT); }

int fdt_valid(const void *fdt)
{
    if (!fdt || ((uintptr_t)fdt & 7) || header(fdt, H_MAGIC) != FDT_MAGIC) return 0;
    uint32_t total = header(fdt, H_TOTALSIZE);
    return total <= FDT_MAX_SIZE && header(fdt, H_OFF_STRUCT) < total && header(fdt, H_OFF_STRINGS) < total;
}

static int align4(int offset) { return (offset + 3) & ~3; }

/* Offset of the token after the one at `offset`. */
static int next_token(const void *fdt, int offset)
{
    const uint8_t *s = structure(fdt);
    switch (be32(s + offset)) {
    case FDT_BEGIN_NODE:
        return align4(offset + 4 + (int)strlen((const char *)s + offset + 4) + 1);
    case FDT_PROP:
        return align4(offset + 12 + (int)be32(s + offset + 4));
    default:
        return offset + 4;
    }
}

static int token_at(const void *fdt, int offset)
{
    if (offset < 0 || (uint32_t)offset >= header(fdt, H_SIZE_STRUCT)) return FDT_END;
    return (int)be32(structure(fdt) + offset);
}

static int has_char(const char *s, char c, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (s[i] == c) return 1;
    return 0;
}

/* Does node name `name` ("memory@80000000") match path component `part` of `length`? */
static int name_matches(const char *name, const char *part, size_t length)
{
    if (strncmp(name, part, length) != 0) return 0;
    return name[length] == '\0' || (name[length] == '@' && !has_char(part, '@', length));
}

int fdt_path_offset(const void *fdt, const char *path)
{
    if (!fdt_valid(fdt) || path[0] != '/') return -1;
    int node = 0; /* the root's FDT_BEGIN_NODE */
    if (token_at(fdt, node) != FDT_BEGIN_NODE) return -1;
    for (const char *p = path + 1; *p;) {
        const char *end = p;
        while (*end && *end != '/') end++;
        size_t length = (size_t)(end - p);
        int depth = 0, found = -1;
        for (int at = next_token(fdt, node); found < 0; at = next_token(fdt, at)) {
            int token = token_at(fdt, at);
            if (token == FDT_END) return -1;
            if (token == FDT_BEGIN_NODE) {
                if (depth == 0 && name_matches((const char *)structure(fdt) + at + 4, p, length)) found = at;
                depth++;
            } else if (token == FDT_END_NODE) {
                if (--depth < 0) return -1;
            }
        }
        node = found;
        p = *end ? end + 1 : end;
    }
    return node;
}

const void *fdt_getprop(const void *fdt, int node, const char *name, int *length)
{
    if (token_at(fdt, node) != FDT_BEGIN_NODE) return NULL;
    const char *strings = (const char *)fdt + header(fdt, H_OFF_STRINGS);
    for (int at = next_token(fdt, node);; at = next_token(fdt, at)) {
        int token = token_at(fdt, at);
        if (token == FDT_NOP) continue;
        if (token != FDT_PROP) return NULL; /* properties come before subnodes */
        const uint8_t *prop = structure(fdt) + at;
        if (strcmp(strings + be32(prop + 8), name) == 0) {
            if (length) *length = (int)be32(prop + 4);
            return prop + 12;
        }
    }
}

uint64_t fdt_cells(const void *cells, int count)
{
    const uint8_t *c = cells;
    uint64_t value = 0;
    for (int i = 0; i < count; i++) value = value << 32 | be32(c + i * 4);
    return value;
}

int fdt_count_subnodes(const void *fdt, int node, const char *prefix)
{
    if (token_at(fdt, node) != FDT_BEGIN_NODE) return 0;
    int depth = 0, count = 0;
    for (int at = next_token(fdt, node);; at = next_token(fdt, at)) {
        int token = token_at(fdt, at);
        if (token == FDT_END) return count;
        if (token == FDT_BEGIN_NODE) {
            if (depth == 0 && strncmp((const char *)structure(fdt) + at + 4, prefix, strlen(prefix)) == 0) count++;
            depth++;
        } else if (token == FDT_END_NODE && --depth < 0) {
            return count;
        }
    }
}
