package jetbrains.buildServer.web.util;

import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.users.SUser;

/** Test fake: the session user of every request is {@link #user}. */
public class SessionUser {
  public static SUser user;

  public static SUser getUser(HttpServletRequest request) {
    return user;
  }
}
