/* console-echo: on the PV console (what `xl console` shows), greets, then echoes every
   line typed as `echo: <line>` until a line `quit`, and powers off. */
#include "runtime.h"

int main(void)
{
    long rc = pvconsole_init();
    if (rc < 0) {
        printf("console-echo: no PV console: %ld\n", rc);
        return 1;
    }
    pvconsole_printf("console-echo: type a line, 'quit' ends\n");
    char line[256];
    for (;;) {
        pvconsole_read_line(line, sizeof line);
        if (strcmp(line, "quit") == 0) break;
        pvconsole_printf("echo: %s\n", line);
    }
    pvconsole_printf("console-echo: bye\n");
    return 0;
}
