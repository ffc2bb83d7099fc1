<%@ include file="/include-internal.jsp" %>
<%--@elvariable id="repoAccessProjectId" type="java.lang.String"--%>
<%--@elvariable id="repoAccessBundle" type="java.lang.String"--%>
<div id="repo-access-root" data-project-id="<c:out value='${repoAccessProjectId}'/>"></div>
<script src="<c:url value='${repoAccessBundle}'/>"></script>
