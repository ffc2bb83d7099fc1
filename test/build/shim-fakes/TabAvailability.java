import java.lang.reflect.Proxy;
import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.controllers.admin.projects.EditProjectTab;
import jetbrains.buildServer.serverSide.SProject;
import jetbrains.buildServer.serverSide.auth.Permission;
import jetbrains.buildServer.web.openapi.PluginDescriptor;
import jetbrains.buildServer.web.util.SessionUser;
import org.repoaccess.teamcity.RepoAccessTab;

/**
 * Prints the shim's isAvailable, one line per case. Each case is two arguments: the project's internal id (or "-" for
 * no project) and the comma-separated project ids the session user may edit (or "-" for no user).
 */
public class TabAvailability {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) System.out.println(isAvailable(args[i], args[i + 1]));
  }

  private static boolean isAvailable(String projectId, String editable) {
    EditProjectTab.project = projectId.equals("-") ? null : new SProject() {
      public String getExternalId() { return "AcmeBackend"; }
      public String getProjectId() { return projectId; }
    };
    SessionUser.user = editable.equals("-") ? null : (id, permission) -> permission == Permission.EDIT_PROJECT && java.util.Arrays.asList(editable.split(",")).contains(id);
    PluginDescriptor descriptor = new PluginDescriptor() {
      public String getPluginName() { return "repo-access"; }
      public String getPluginResourcesPath(String relativePath) { return "/plugins/repo-access/" + relativePath; }
    };
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(TabAvailability.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, a) -> null);
    return new RepoAccessTab(null, descriptor).isAvailable(request);
  }
}
