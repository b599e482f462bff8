/* Sizes fixed by the runtime's link script (link.ld reserves the stacks). */
#ifndef RUNTIME_CONFIG_H
#define RUNTIME_CONFIG_H

#define RUNTIME_MAX_VCPUS 8
#define RUNTIME_STACK_SHIFT 14 /* 16 KiB per vCPU */
#define RUNTIME_STACK_SIZE (1 << RUNTIME_STACK_SHIFT)

#endif
