package org.repoaccess.teamcity;

import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.controllers.admin.projects.EditProjectTab;
import jetbrains.buildServer.serverSide.SProject;
import jetbrains.buildServer.serverSide.auth.Permission;
import jetbrains.buildServer.users.SUser;
import jetbrains.buildServer.web.openapi.PagePlaces;
import jetbrains.buildServer.web.openapi.PluginDescriptor;
import jetbrains.buildServer.web.util.SessionUser;
import org.jetbrains.annotations.NotNull;

/**
 * The "Repo Access" tab of a project's settings. Everything it shows is the React bundle: this class only
 * hands the JSP the project's external id and the bundle's URL. EditProjectTab registers the tab itself.
 */
public class RepoAccessTab extends EditProjectTab {
  private final PluginDescriptor descriptor;

  public RepoAccessTab(@NotNull PagePlaces pagePlaces, @NotNull PluginDescriptor descriptor) {
    super(pagePlaces, descriptor.getPluginName(), descriptor.getPluginResourcesPath("repoAccessTab.jsp"), "Repo Access");
    this.descriptor = descriptor;
  }

  @Override
  public void fillModel(@NotNull Map<String, Object> model, @NotNull HttpServletRequest request) {
    super.fillModel(model, request);
    SProject project = getProject(request);
    model.put("repoAccessProjectId", project == null ? "" : project.getExternalId());
    model.put("repoAccessBundle", descriptor.getPluginResourcesPath("bundle.js"));
  }

  /** Only for users who may edit the project: the tab stores credentials and queues credentialed builds. */
  @Override
  public boolean isAvailable(@NotNull HttpServletRequest request) {
    if (!super.isAvailable(request)) return false;
    SProject project = getProject(request);
    SUser user = SessionUser.getUser(request);
    return project != null && user != null && user.isPermissionGrantedForProject(project.getProjectId(), Permission.EDIT_PROJECT);
  }
}
