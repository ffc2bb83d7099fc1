package jetbrains.buildServer.controllers.admin.projects;

import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import jetbrains.buildServer.serverSide.SProject;
import jetbrains.buildServer.web.openapi.PagePlaces;

/** Test fake: the project of every request is {@link #project}. */
public class EditProjectTab {
  public static SProject project;

  public EditProjectTab(PagePlaces pagePlaces, String pluginName, String includeUrl, String title) {}

  public void fillModel(Map<String, Object> model, HttpServletRequest request) {}

  public boolean isAvailable(HttpServletRequest request) {
    return true;
  }

  public String getTabTitle(HttpServletRequest request) {
    return "";
  }

  public SProject getProject(HttpServletRequest request) {
    return project;
  }
}
