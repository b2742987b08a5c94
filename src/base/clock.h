/*
 * clock.h - the program's two clocks, in milliseconds: a monotonic one for
 * intervals, timeouts and benchmarks, and the wall clock for what is
 * written down (recordings, reports, answers).
 */
#ifndef TD_CLOCK_H
#define TD_CLOCK_H

#include <stdint.h>

/* Milliseconds of CLOCK_MONOTONIC: only differences mean anything. */
int64_t mono_ms(void);
/* Milliseconds since the epoch (CLOCK_REALTIME). */
int64_t wall_ms(void);

#endif
