/*
 * Bitmap searches and range operations. They walk a word at a time so that
 * scanning the page allocator's maps costs one load per 64 pages.
 */
#include <lib/bitmap.h>

/*
 * One search serves both polarities: 'invert' is all ones when looking for a
 * zero bit, so each word is flipped and the search is always for a one.
 */
static unsigned long find_next(const unsigned long *addr, unsigned long size,
			       unsigned long offset, unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) & (~0UL << (offset % BITS_PER_LONG));
	offset = ALIGN_DOWN(offset, BITS_PER_LONG);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	offset += (unsigned long)__builtin_ctzl(word);
	return min(offset, size);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset)
{
	return find_next(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_next(addr, size, offset, ~0UL);
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx = BITS_TO_LONGS(size);
	unsigned long tail = size % BITS_PER_LONG;
	/* Bits past 'size' in the last word are not part of the map. */
	unsigned long mask = tail ? BIT_MASK(tail) - 1 : ~0UL;

	while (idx--) {
		unsigned long word = addr[idx] & mask;

		if (word)
			return idx * BITS_PER_LONG + 63 - (unsigned long)__builtin_clzl(word);
		mask = ~0UL;
	}
	return size;
}

void bitmap_zero(unsigned long *dst, unsigned long nbits)
{
	for (unsigned long i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = 0;
}

void bitmap_fill(unsigned long *dst, unsigned long nbits)
{
	bitmap_set(dst, 0, nbits);
}

/* Range edits go a whole word at a time in the middle, bit by bit at the edges. */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;

	while (start < end && start % BITS_PER_LONG)
		__set_bit(start++, map);
	for (; start + BITS_PER_LONG <= end; start += BITS_PER_LONG)
		map[BIT_WORD(start)] = ~0UL;
	while (start < end)
		__set_bit(start++, map);
}

void bitmap_clear(unsigned long *map, unsigned long start, unsigned long len)
{
	unsigned long end = start + len;

	while (start < end && start % BITS_PER_LONG)
		__clear_bit(start++, map);
	for (; start + BITS_PER_LONG <= end; start += BITS_PER_LONG)
		map[BIT_WORD(start)] = 0;
	while (start < end)
		__clear_bit(start++, map);
}

unsigned long bitmap_weight(const unsigned long *src, unsigned long nbits)
{
	unsigned long w = 0, i;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += hweight64(src[i]);
	if (nbits % BITS_PER_LONG)
		w += hweight64(src[i] & (BIT_MASK(nbits) - 1));
	return w;
}

bool bitmap_empty(const unsigned long *src, unsigned long nbits)
{
	return find_first_bit(src, nbits) == nbits;
}
