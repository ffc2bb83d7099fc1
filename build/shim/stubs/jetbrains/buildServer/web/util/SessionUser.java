package jetbrains.buildServer.web.util;

import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.users.SUser;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Stand-in for compiling only (never packaged): the user of the request's session. */
public class SessionUser {
  @Nullable
  public static SUser getUser(@NotNull HttpServletRequest request) {
    throw new UnsupportedOperationException("stand-in");
  }
}
