// Why a domain could not be built, worded for the person running `xl create`. The builder
// has already undone what it did when one of these reaches the caller.
export class DomainBuildError extends Error {}
