package org.repoaccess.teamcity;

import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.controllers.admin.projects.EditProjectTab;
import jetbrains.buildServer.serverSide.SProject;
import jetbrains.buildServer.web.openapi.PagePlaces;
import jetbrains.buildServer.web.openapi.PluginDescriptor;
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

  @Override
  public boolean isAvailable(@NotNull HttpServletRequest request) {
    return super.isAvailable(request) && getProject(request) != null;
  }
}
