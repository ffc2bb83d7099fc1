package jetbrains.buildServer.web.openapi;

/** Stand-in for compiling only (never packaged). */
public interface PagePlaces {}
