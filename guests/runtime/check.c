/* Checks printed one per line ("ok N - what" / "not ok N - what: got X expected Y") and a
   summary line, so a test can assert on each check by its text. */
#include "runtime.h"

static int checks, failures;

static int report(int ok)
{
    checks++;
    if (!ok) failures++;
    return ok;
}

int check_eq(const char *what, long got, long expected)
{
    if (report(got == expected)) printf("ok %d - %s\n", checks, what);
    else printf("not ok %d - %s: got %ld expected %ld\n", checks, what, got, expected);
    return got == expected;
}

int check_true(const char *what, int condition) { return check_eq(what, condition != 0, 1); }

int check_str(const char *what, const char *got, const char *expected)
{
    int ok = strcmp(got, expected) == 0;
    if (report(ok)) printf("ok %d - %s\n", checks, what);
    else printf("not ok %d - %s: got \"%s\" expected \"%s\"\n", checks, what, got, expected);
    return ok;
}

int checks_done(void)
{
    printf("1..%d\n", checks);
    printf("# %d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
