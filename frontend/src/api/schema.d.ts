// Generated from the server's OpenAPI document by `npm run gen:api` (make ui-types).
// Do not edit by hand.

export interface paths {
    "/api/v1/artifacts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List artifacts */
        get: operations["list_artifacts_api_v1_artifacts__get"];
        put?: never;
        /** Register an artifact */
        post: operations["create_artifact_api_v1_artifacts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an artifact */
        get: operations["get_artifact_api_v1_artifacts__id__get"];
        /** Change an artifact's description and task (creates a snapshot) */
        put: operations["modify_artifact_api_v1_artifacts__id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}/contents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an artifact (a folder as tar.gz or zip; ?path= for one member) */
        get: operations["get_contents_api_v1_artifacts__id__contents_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The files of an artifact */
        get: operations["list_files_api_v1_artifacts__id__files_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a artifact */
        get: operations["list_snapshots_api_v1_artifacts__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a artifact */
        get: operations["get_snapshot_api_v1_artifacts__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/artifacts/{id}/snapshots/{snapshotId}/contents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the artifact as one of its snapshots names it */
        get: operations["get_snapshot_contents_api_v1_artifacts__id__snapshots__snapshotId__contents_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in (sets the session cookie)
         * @description After repeated wrong passwords for an account or from a client, logins for it are refused for a while (429 with Retry-After), even with the right password.
         */
        post: operations["login_api_v1_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out
         * @description Ends this session on the server. With everywhere=true, ends every session of the user and revokes their personal API tokens.
         */
        post: operations["logout_api_v1_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints:lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lint New
         * @description Checks a would-be entrypoint's graph (structure, tasks, swaps); stores nothing.
         *     Graph findings answer 200 with ``valid: false``.
         */
        post: operations["lint_new_api_v1_entrypoints_lint_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List entrypoints */
        get: operations["list_resources_api_v1_entrypoints__get"];
        put?: never;
        /**
         * Create an entrypoint
         * @description Validates the graph against the plugins (their latest snapshots); with
         *     ``validateOnly`` nothing is stored.
         */
        post: operations["create_entrypoint_api_v1_entrypoints__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a entry point */
        get: operations["get_resource_api_v1_entrypoints__id__get"];
        /**
         * Modify an entrypoint (creates a snapshot)
         * @description Replaces the content, queues and plugin bindings; with ``validateOnly`` nothing
         *     is stored.
         */
        put: operations["modify_entrypoint_api_v1_entrypoints__id__put"];
        post?: never;
        /** Delete a entry point */
        delete: operations["delete_resource_api_v1_entrypoints__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}:lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lint Existing
         * @description Checks new content for an entrypoint against its current plugin bindings.
         */
        post: operations["lint_existing_api_v1_entrypoints__id__lint_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/artifactPlugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Artifact Plugins */
        get: operations["get_artifact_plugins_api_v1_entrypoints__id__artifactPlugins_get"];
        put?: never;
        /** Append Artifact Plugins */
        post: operations["append_artifact_plugins_api_v1_entrypoints__id__artifactPlugins_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/artifactPlugins/{artifactPluginId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Artifact Plugin */
        get: operations["get_artifact_plugin_api_v1_entrypoints__id__artifactPlugins__artifactPluginId__get"];
        put?: never;
        post?: never;
        /** Remove Artifact Plugin */
        delete: operations["remove_artifact_plugin_api_v1_entrypoints__id__artifactPlugins__artifactPluginId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_entrypoints__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_entrypoints__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_entrypoints__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_entrypoints__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Plugins */
        get: operations["get_plugins_api_v1_entrypoints__id__plugins_get"];
        put?: never;
        /**
         * Append Plugins
         * @description Binds the plugins at their latest snapshot (re-posting a bound one syncs it).
         */
        post: operations["append_plugins_api_v1_entrypoints__id__plugins_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/plugins/{pluginId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Plugin */
        get: operations["get_plugin_api_v1_entrypoints__id__plugins__pluginId__get"];
        put?: never;
        post?: never;
        /** Remove Plugin */
        delete: operations["remove_plugin_api_v1_entrypoints__id__plugins__pluginId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Queues */
        get: operations["get_queues_api_v1_entrypoints__id__queues_get"];
        /** Replace Queues */
        put: operations["replace_queues_api_v1_entrypoints__id__queues_put"];
        /** Append Queues */
        post: operations["append_queues_api_v1_entrypoints__id__queues_post"];
        /** Remove Queues */
        delete: operations["remove_queues_api_v1_entrypoints__id__queues_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/queues/{queueId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Queue */
        delete: operations["remove_queue_api_v1_entrypoints__id__queues__queueId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a entry point */
        get: operations["list_snapshots_api_v1_entrypoints__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a entry point */
        get: operations["get_snapshot_api_v1_entrypoints__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/artifactPlugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Snapshot Artifact Plugins */
        get: operations["get_snapshot_artifact_plugins_api_v1_entrypoints__id__snapshots__snapshotId__artifactPlugins_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/artifactPlugins/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Artifact Plugins Bundle
         * @description The artifact plugins' files as one archive (``fileType=tar_gz|zip``).
         */
        get: operations["get_artifact_plugins_bundle_api_v1_entrypoints__id__snapshots__snapshotId__artifactPlugins_bundle_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The engine document of an entrypoint snapshot
         * @description Rendered with ``swaps[name]=alias``; ``parameters`` holds only those the graph
         *     uses, and the document is validated (400) unless ``partial``.
         */
        get: operations["get_config_api_v1_entrypoints__id__snapshots__snapshotId__config_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/dynamicGlobalParameters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Dynamic Globals
         * @description The parameters, step order and plugins of the graph with ``swaps[name]=alias``.
         */
        get: operations["get_dynamic_globals_api_v1_entrypoints__id__snapshots__snapshotId__dynamicGlobalParameters_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/plugins/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Plugins Bundle
         * @description The task plugins' files as one archive (``fileType=tar_gz|zip``).
         */
        get: operations["get_plugins_bundle_api_v1_entrypoints__id__snapshots__snapshotId__plugins_bundle_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/snapshots/{snapshotId}/swaps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Swaps
         * @description One item per (swap, alias): the task it calls and the globals it needs.
         */
        get: operations["get_swaps_api_v1_entrypoints__id__snapshots__snapshotId__swaps_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_entrypoints__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_entrypoints__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_entrypoints__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_entrypoints__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_entrypoints__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_entrypoints_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_entrypoints_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entrypoints/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_entrypoints_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_entrypoints_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_entrypoints_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List experiments */
        get: operations["list_resources_api_v1_experiments__get"];
        put?: never;
        /** Create a experiment */
        post: operations["create_resource_api_v1_experiments__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a experiment */
        get: operations["get_resource_api_v1_experiments__id__get"];
        /** Modify a experiment (creates a snapshot) */
        put: operations["modify_resource_api_v1_experiments__id__put"];
        post?: never;
        /** Delete a experiment */
        delete: operations["delete_resource_api_v1_experiments__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_experiments__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_experiments__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_experiments__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_experiments__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/entrypoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Entrypoints
         * @description The experiment's (live) entrypoints.
         */
        get: operations["get_entrypoints_api_v1_experiments__id__entrypoints_get"];
        /**
         * Replace Entrypoints
         * @description Replaces the experiment's entrypoints.
         */
        put: operations["replace_entrypoints_api_v1_experiments__id__entrypoints_put"];
        /**
         * Append Entrypoints
         * @description Links more entrypoints to the experiment.
         */
        post: operations["append_entrypoints_api_v1_experiments__id__entrypoints_post"];
        /**
         * Remove Entrypoints
         * @description Unlinks every entrypoint.
         */
        delete: operations["remove_entrypoints_api_v1_experiments__id__entrypoints_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/entrypoints/{entrypointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove Entrypoint
         * @description Unlinks one entrypoint.
         */
        delete: operations["remove_entrypoint_api_v1_experiments__id__entrypoints__entrypointId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The experiment's jobs */
        get: operations["list_jobs_api_v1_experiments__id__jobs_get"];
        put?: never;
        /** Submit a job */
        post: operations["create_job_api_v1_experiments__id__jobs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job */
        get: operations["get_job_api_v1_experiments__id__jobs__jobId__get"];
        put?: never;
        post?: never;
        /** Delete a job */
        delete: operations["delete_job_api_v1_experiments__id__jobs__jobId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/jobs/{jobId}/mlflowRun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's MLflow run */
        get: operations["get_mlflow_run_api_v1_experiments__id__jobs__jobId__mlflowRun_get"];
        put?: never;
        /** Set a job's MLflow run */
        post: operations["set_mlflow_run_api_v1_experiments__id__jobs__jobId__mlflowRun_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/jobs/{jobId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's status */
        get: operations["get_status_api_v1_experiments__id__jobs__jobId__status_get"];
        /** Report a job's status (``message`` is ours: why it failed, was cancelled…) */
        put: operations["put_status_api_v1_experiments__id__jobs__jobId__status_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest metrics of each of the experiment's jobs (paged by job) */
        get: operations["experiment_metrics_api_v1_experiments__id__metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a experiment */
        get: operations["list_snapshots_api_v1_experiments__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a experiment */
        get: operations["get_snapshot_api_v1_experiments__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_experiments__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_experiments__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_experiments__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_experiments__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_experiments__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_experiments_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_experiments_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_experiments_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_experiments_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_experiments_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my groups */
        get: operations["list_groups_api_v1_groups__get"];
        put?: never;
        /** Create a group (you manage it) */
        post: operations["create_group_api_v1_groups__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a group */
        get: operations["get_group_api_v1_groups__id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members */
        get: operations["list_members_api_v1_groups__id__members_get"];
        put?: never;
        /** Add a member or change their permissions (group admins) */
        post: operations["set_member_api_v1_groups__id__members_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (group admins) */
        delete: operations["remove_member_api_v1_groups__id__members__userId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs */
        get: operations["list_jobs_api_v1_jobs__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job */
        get: operations["get_job_api_v1_jobs__id__get"];
        put?: never;
        post?: never;
        /** Delete a job */
        delete: operations["delete_job_api_v1_jobs__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/artifactParameters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The artifacts the job takes as inputs, with the tasks that load them */
        get: operations["get_artifact_parameters_api_v1_jobs__id__artifactParameters_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/artifactUploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload an artifact's bytes (ours): the raw body is the file, or a tar of a folder */
        post: operations["upload_artifact_api_v1_jobs__id__artifactUploads_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued job, or ask the worker of a running one to stop it */
        post: operations["cancel_job_api_v1_jobs__id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A worker takes a queued job (409 if another got it first) */
        post: operations["claim_job_api_v1_jobs__id__claim_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job's task-engine document (its entrypoint snapshot with its swaps) */
        get: operations["get_config_api_v1_jobs__id__config_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow a job: status, log and metric events, then end (text/event-stream) */
        get: operations["job_events_api_v1_jobs__id__events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the job's log (filter by severity, search, sort) */
        get: operations["get_log_api_v1_jobs__id__log_get"];
        put?: never;
        /** Append log records (HTML is sanitised) */
        post: operations["post_log_api_v1_jobs__id__log_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest value (highest step) of each metric */
        get: operations["get_metrics_api_v1_jobs__id__metrics_get"];
        put?: never;
        /** Record a metric value at a step (replaces the value at that step) */
        post: operations["post_metric_api_v1_jobs__id__metrics_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/metrics/{name}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every step of one metric */
        get: operations["get_metric_history_api_v1_jobs__id__metrics__name__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/mlflowRun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's MLflow run */
        get: operations["get_mlflow_run_api_v1_jobs__id__mlflowRun_get"];
        put?: never;
        /** Set the MLflow run */
        post: operations["set_mlflow_run_api_v1_jobs__id__mlflowRun_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/parameters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job's parameter values, coerced to their types */
        get: operations["get_parameters_api_v1_jobs__id__parameters_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a new job with this job's entrypoint snapshot, queue, values and swaps */
        post: operations["rerun_job_api_v1_jobs__id__rerun_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a job */
        get: operations["list_snapshots_api_v1_jobs__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a job */
        get: operations["get_snapshot_api_v1_jobs__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's status */
        get: operations["get_status_api_v1_jobs__id__status_get"];
        /** Report a job's status (workers); ours, like the experiment route */
        put: operations["put_status_api_v1_jobs__id__status_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_jobs__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_jobs__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_jobs__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_jobs__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_jobs__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List models */
        get: operations["list_resources_api_v1_models__get"];
        put?: never;
        /** Create a ml model */
        post: operations["create_resource_api_v1_models__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a model */
        get: operations["get_model_api_v1_models__id__get"];
        /** Modify a ml model (creates a snapshot) */
        put: operations["modify_resource_api_v1_models__id__put"];
        post?: never;
        /** Delete a ml model */
        delete: operations["delete_resource_api_v1_models__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_models__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_models__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_models__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_models__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a ml model */
        get: operations["list_snapshots_api_v1_models__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a ml model */
        get: operations["get_snapshot_api_v1_models__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_models__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_models__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_models__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_models__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_models__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model's versions */
        get: operations["list_versions_api_v1_models__id__versions_get"];
        put?: never;
        /** Add a version */
        post: operations["create_version_api_v1_models__id__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/{id}/versions/{versionNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a version */
        get: operations["get_version_api_v1_models__id__versions__versionNumber__get"];
        /** Change a version's description */
        put: operations["modify_version_api_v1_models__id__versions__versionNumber__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_models_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_models_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_models_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_models_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_models_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List pluginParameterTypes */
        get: operations["list_resources_api_v1_pluginParameterTypes__get"];
        put?: never;
        /** Create a plugin task parameter type */
        post: operations["create_resource_api_v1_pluginParameterTypes__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a plugin task parameter type */
        get: operations["get_resource_api_v1_pluginParameterTypes__id__get"];
        /** Modify a plugin task parameter type (creates a snapshot) */
        put: operations["modify_resource_api_v1_pluginParameterTypes__id__put"];
        post?: never;
        /** Delete a plugin task parameter type */
        delete: operations["delete_resource_api_v1_pluginParameterTypes__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_pluginParameterTypes__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_pluginParameterTypes__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_pluginParameterTypes__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_pluginParameterTypes__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a plugin task parameter type */
        get: operations["list_snapshots_api_v1_pluginParameterTypes__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a plugin task parameter type */
        get: operations["get_snapshot_api_v1_pluginParameterTypes__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_pluginParameterTypes__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_pluginParameterTypes__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_pluginParameterTypes__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_pluginParameterTypes__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_pluginParameterTypes__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_pluginParameterTypes_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_pluginParameterTypes_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pluginParameterTypes/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_pluginParameterTypes_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_pluginParameterTypes_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_pluginParameterTypes_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List plugins */
        get: operations["list_resources_api_v1_plugins__get"];
        put?: never;
        /** Create a plugin */
        post: operations["create_resource_api_v1_plugins__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a plugin */
        get: operations["get_resource_api_v1_plugins__id__get"];
        /** Modify a plugin (creates a snapshot) */
        put: operations["modify_resource_api_v1_plugins__id__put"];
        post?: never;
        /** Delete a plugin */
        delete: operations["delete_resource_api_v1_plugins__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_plugins__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_plugins__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_plugins__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_plugins__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a plugin's files */
        get: operations["list_files_api_v1_plugins__id__files_get"];
        put?: never;
        /** Add a file to a plugin */
        post: operations["create_file_api_v1_plugins__id__files_post"];
        /** Delete every file of a plugin */
        delete: operations["delete_all_files_api_v1_plugins__id__files_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a plugin file */
        get: operations["get_file_api_v1_plugins__id__files__fileId__get"];
        /** Modify a plugin file */
        put: operations["modify_file_api_v1_plugins__id__files__fileId__put"];
        post?: never;
        /** Delete a plugin file */
        delete: operations["delete_file_api_v1_plugins__id__files__fileId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get File Modification Draft */
        get: operations["get_file_modification_draft_api_v1_plugins__id__files__fileId__draft_get"];
        /** Modify File Modification Draft */
        put: operations["modify_file_modification_draft_api_v1_plugins__id__files__fileId__draft_put"];
        /** Create File Modification Draft */
        post: operations["create_file_modification_draft_api_v1_plugins__id__files__fileId__draft_post"];
        /** Delete File Modification Draft */
        delete: operations["delete_file_modification_draft_api_v1_plugins__id__files__fileId__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List File Snapshots */
        get: operations["list_file_snapshots_api_v1_plugins__id__files__fileId__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get File Snapshot */
        get: operations["get_file_snapshot_api_v1_plugins__id__files__fileId__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}/tags/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get File Tags */
        get: operations["get_file_tags_api_v1_plugins__id__files__fileId__tags__get"];
        /** Replace File Tags */
        put: operations["replace_file_tags_api_v1_plugins__id__files__fileId__tags__put"];
        /** Append File Tags */
        post: operations["append_file_tags_api_v1_plugins__id__files__fileId__tags__post"];
        /** Remove File Tags */
        delete: operations["remove_file_tags_api_v1_plugins__id__files__fileId__tags__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/{fileId}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove File Tag */
        delete: operations["remove_file_tag_api_v1_plugins__id__files__fileId__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List File Drafts */
        get: operations["list_file_drafts_api_v1_plugins__id__files_drafts__get"];
        put?: never;
        /** Create File Draft */
        post: operations["create_file_draft_api_v1_plugins__id__files_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/files/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get File Draft */
        get: operations["get_file_draft_api_v1_plugins__id__files_drafts__draftId__get"];
        /** Modify File Draft */
        put: operations["modify_file_draft_api_v1_plugins__id__files_drafts__draftId__put"];
        post?: never;
        /** Delete File Draft */
        delete: operations["delete_file_draft_api_v1_plugins__id__files_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a plugin */
        get: operations["list_snapshots_api_v1_plugins__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a plugin */
        get: operations["get_snapshot_api_v1_plugins__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/snapshots/{snapshotId}/files/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the files of a plugin snapshot as one archive (with manifest.json) */
        get: operations["get_files_bundle_api_v1_plugins__id__snapshots__snapshotId__files_bundle_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_plugins__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_plugins__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_plugins__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_plugins__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_plugins__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_plugins_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_plugins_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_plugins_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_plugins_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_plugins_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List queues */
        get: operations["list_resources_api_v1_queues__get"];
        put?: never;
        /** Create a queue */
        post: operations["create_resource_api_v1_queues__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a queue */
        get: operations["get_resource_api_v1_queues__id__get"];
        /** Modify a queue (creates a snapshot) */
        put: operations["modify_resource_api_v1_queues__id__put"];
        post?: never;
        /** Delete a queue */
        delete: operations["delete_resource_api_v1_queues__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Resource Draft */
        get: operations["get_resource_draft_api_v1_queues__id__draft_get"];
        /** Modify Resource Draft */
        put: operations["modify_resource_draft_api_v1_queues__id__draft_put"];
        /** Create Resource Draft */
        post: operations["create_resource_draft_api_v1_queues__id__draft_post"];
        /** Delete Resource Draft */
        delete: operations["delete_resource_draft_api_v1_queues__id__draft_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the snapshots of a queue */
        get: operations["list_snapshots_api_v1_queues__id__snapshots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one snapshot of a queue */
        get: operations["get_snapshot_api_v1_queues__id__snapshots__snapshotId__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tags */
        get: operations["get_tags_api_v1_queues__id__tags_get"];
        /** Replace Tags */
        put: operations["replace_tags_api_v1_queues__id__tags_put"];
        /** Append Tags */
        post: operations["append_tags_api_v1_queues__id__tags_post"];
        /** Remove All Tags */
        delete: operations["remove_all_tags_api_v1_queues__id__tags_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Tag */
        delete: operations["remove_tag_api_v1_queues__id__tags__tagId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/drafts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Drafts */
        get: operations["list_drafts_api_v1_queues_drafts__get"];
        put?: never;
        /** Create Draft */
        post: operations["create_draft_api_v1_queues_drafts__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queues/drafts/{draftId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Draft */
        get: operations["get_draft_api_v1_queues_drafts__draftId__get"];
        /** Modify Draft */
        put: operations["modify_draft_api_v1_queues_drafts__draftId__put"];
        post?: never;
        /** Delete Draft */
        delete: operations["delete_draft_api_v1_queues_drafts__draftId__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tags */
        get: operations["list_tags_api_v1_tags__get"];
        put?: never;
        /** Create a tag */
        post: operations["create_tag_api_v1_tags__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tag */
        get: operations["get_tag_api_v1_tags__id__get"];
        /** Rename a tag */
        put: operations["rename_tag_api_v1_tags__id__put"];
        post?: never;
        /** Delete a tag */
        delete: operations["delete_tag_api_v1_tags__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}/resources/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** URLs of the resources carrying a tag */
        get: operations["tagged_resources_api_v1_tags__id__resources__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["list_users_api_v1_users__get"];
        put?: never;
        /** Register a new user */
        post: operations["register_api_v1_users__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["get_user_api_v1_users__id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a password
         * @description Ends every session of the user (they log in again with the new password) and revokes their personal API tokens.
         */
        post: operations["change_password_api_v1_users__id__password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: operations["get_current_api_v1_users_current_get"];
        /** Change name or email */
        put: operations["modify_current_api_v1_users_current_put"];
        post?: never;
        /** Close the account */
        delete: operations["delete_current_api_v1_users_current_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/current/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change password
         * @description Ends every session of the user (they log in again with the new password) and revokes their personal API tokens.
         */
        post: operations["change_current_password_api_v1_users_current_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/current/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My tokens */
        get: operations["list_tokens_api_v1_users_current_tokens_get"];
        put?: never;
        /** Create a token (its secret is shown only in this response) */
        post: operations["create_token_api_v1_users_current_tokens_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/current/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
        delete: operations["revoke_token_api_v1_users_current_tokens__id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workers/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workers heard from recently, their queues and running jobs */
        get: operations["list_workers_api_v1_workers__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workers/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A worker says it lives; the answer lists the jobs it must stop */
        post: operations["heartbeat_api_v1_workers_heartbeat_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/draftCommit/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Commit a draft (creates the resource or a new snapshot of it) */
        post: operations["commit_draft_api_v1_workflows_draftCommit__id__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/pluginTaskSignatureAnalysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find the tasks of plugin source and suggest parameter types (never runs it) */
        post: operations["plugin_task_signature_analysis_api_v1_workflows_pluginTaskSignatureAnalysis_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/resourceImport": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import parameter types, plugins and entrypoints (files, an archive or git)
         * @description Reads a multipart form (see ``import_form``): the project's ``dioptra.toml`` and
         *     files, imported in one transaction.
         */
        post: operations["resource_import_api_v1_workflows_resourceImport_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness check */
        get: operations["health_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ArtifactCreateBody */
        ArtifactCreateBody: {
            /**
             * Artifacturi
             * @description Where the bytes are (from artifactUploads).
             */
            artifactUri: string;
            /** Description */
            description?: string | null;
            /**
             * Filesize
             * @description Ours: the size the writer stored; must match the stored object.
             */
            fileSize?: number | null;
            /** Group */
            group: number;
            /** Job */
            job: number;
            /** Pluginsnapshotid */
            pluginSnapshotId?: number | null;
            /**
             * Sha256
             * @description Ours: the sha256 the writer computed (a folder: of its manifest). Taken as is from the job's own token, checked against the stored bytes from anyone else.
             */
            sha256?: string | null;
            /** Taskid */
            taskId?: number | null;
        };
        /** ArtifactFileOut */
        ArtifactFileOut: {
            /** Filesize */
            fileSize: number | null;
            /** Fileurl */
            fileUrl: string;
            /** Isdir */
            isDir: boolean;
            /** Relativepath */
            relativePath: string;
        };
        /** ArtifactModifyBody */
        ArtifactModifyBody: {
            /** Description */
            description?: string | null;
            /** Pluginsnapshotid */
            pluginSnapshotId?: number | null;
            /** Taskid */
            taskId?: number | null;
        };
        /** ArtifactOut */
        ArtifactOut: {
            /** Artifacturi */
            artifactUri: string;
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            /** Filesize */
            fileSize: number;
            /** Fileurl */
            fileUrl: string;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Isdir */
            isDir: boolean;
            /** Job */
            job: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Sha256 */
            sha256: string | null;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            /** Task */
            task: components["schemas"]["ArtifactTaskOut"] | {
                [key: string]: unknown;
            };
            user: components["schemas"]["UserRefOut"];
        };
        /** ArtifactOutputIn */
        ArtifactOutputIn: {
            /** Name */
            name: string;
            /**
             * Parametertype
             * @description Id of a plugin parameter type.
             */
            parameterType: number;
        };
        /** ArtifactPage */
        ArtifactPage: {
            /** Data */
            data: components["schemas"]["ArtifactOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** ArtifactParameterIn */
        ArtifactParameterIn: {
            /** Name */
            name: string;
            /** Outputparams */
            outputParams?: components["schemas"]["ArtifactOutputIn"][];
        };
        /** ArtifactPluginIdsBody */
        ArtifactPluginIdsBody: {
            /** Artifactplugins */
            artifactPlugins?: number[];
        };
        /** ArtifactRefOut */
        ArtifactRefOut: {
            /** Deleted */
            deleted: boolean;
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Url */
            url: string;
        };
        /** ArtifactTaskIn */
        ArtifactTaskIn: {
            /**
             * Name
             * @description The class implementing ArtifactTaskInterface.
             */
            name: string;
            /** Outputparams */
            outputParams?: components["schemas"]["OutputParamIn"][];
        };
        /** ArtifactTaskOut */
        ArtifactTaskOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Outputparams */
            outputParams: {
                [key: string]: unknown;
            }[];
            /** Pluginfileresourceid */
            pluginFileResourceId: number;
            /** Pluginfileresourcesnapshotid */
            pluginFileResourceSnapshotId: number;
            /** Pluginresourceid */
            pluginResourceId: number;
            /** Pluginresourcesnapshotid */
            pluginResourceSnapshotId: number;
        };
        /** ArtifactValueBody */
        ArtifactValueBody: {
            /** Id */
            id: number;
            /** Snapshotid */
            snapshotId: number;
        };
        /** ArtifactValueOut */
        ArtifactValueOut: {
            /** Id */
            id: number;
            /** Snapshotid */
            snapshotId: number;
        };
        /** BoundPluginOut */
        BoundPluginOut: {
            /** Files */
            files: components["schemas"]["PluginFileEntryOut"][];
            /** Id */
            id: number;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Snapshotid */
            snapshotId: number;
            /** Url */
            url: string;
        };
        /** ClaimBody */
        ClaimBody: {
            /**
             * Worker
             * @description Id of the claiming worker (any stable name).
             */
            worker: string;
        };
        /** ClaimOut */
        ClaimOut: {
            /**
             * Config
             * @description The job's config (as /jobs/{id}/config), null if it cannot be had.
             */
            config?: {
                [key: string]: unknown;
            } | null;
            /** Experimentid */
            experimentId: number | null;
            job: components["schemas"]["JobOut"];
            /**
             * Parameters
             * @description The job's parameter values (as /jobs/{id}/parameters), or null.
             */
            parameters?: {
                [key: string]: unknown;
            } | null;
            /** Token */
            token: string;
        };
        /** CurrentUserOut */
        CurrentUserOut: {
            /** Createdon */
            createdOn: string;
            /** Email */
            email: string;
            /** Groups */
            groups: components["schemas"]["GroupRefOut"][];
            /** Id */
            id: number;
            /** Lastloginon */
            lastLoginOn: string | null;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Passwordexpireson */
            passwordExpiresOn: string;
            /** Username */
            username: string;
        };
        /** DraftOut */
        DraftOut: {
            /** Createdon */
            createdOn: string;
            /** Group */
            group: {
                [key: string]: unknown;
            };
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Metadata */
            metadata: {
                [key: string]: unknown;
            };
            /** Payload */
            payload: {
                [key: string]: unknown;
            };
            /** Resource */
            resource: number | null;
            /** Resourcesnapshot */
            resourceSnapshot: number | null;
            /** Resourcetype */
            resourceType: string;
            /** User */
            user: {
                [key: string]: unknown;
            };
        };
        /** DraftPage */
        DraftPage: {
            /** Data */
            data: components["schemas"]["DraftOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** DynamicGlobalsOut */
        DynamicGlobalsOut: {
            /** Activeplugins */
            activePlugins: {
                [key: string]: string;
            }[];
            /** Entrypointparams */
            entrypointParams: components["schemas"]["ParameterOut"][];
            /** Topologicalsort */
            topologicalSort: string[];
        };
        /** EntrypointCreateBody */
        EntrypointCreateBody: {
            /**
             * Artifactgraph
             * @description YAML: the artifact outputs.
             * @default
             */
            artifactGraph: string;
            /** Artifactparameters */
            artifactParameters?: components["schemas"]["ArtifactParameterIn"][];
            /**
             * Artifactplugins
             * @description Plugin ids.
             */
            artifactPlugins?: number[];
            /** Description */
            description?: string | null;
            /**
             * Group
             * @description Id of the group that will own the entrypoint.
             */
            group: number;
            /** Name */
            name: string;
            /** Parameters */
            parameters?: components["schemas"]["ParameterIn"][];
            /**
             * Plugins
             * @description Plugin ids (latest bound).
             */
            plugins?: number[];
            /**
             * Queues
             * @description Queue ids (replaced).
             */
            queues?: number[];
            /**
             * Taskgraph
             * @description YAML: the steps of the task graph.
             */
            taskGraph: string;
        };
        /** EntrypointCreateBodyDraftFields */
        EntrypointCreateBodyDraftFields: {
            /**
             * Artifactgraph
             * @description YAML: the artifact outputs.
             * @default
             */
            artifactGraph: string;
            /** Artifactparameters */
            artifactParameters?: components["schemas"]["ArtifactParameterIn"][];
            /**
             * Artifactplugins
             * @description Plugin ids.
             */
            artifactPlugins?: number[];
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /** Parameters */
            parameters?: components["schemas"]["ParameterIn"][];
            /**
             * Plugins
             * @description Plugin ids (latest bound).
             */
            plugins?: number[];
            /**
             * Queues
             * @description Queue ids (replaced).
             */
            queues?: number[];
            /**
             * Taskgraph
             * @description YAML: the steps of the task graph.
             */
            taskGraph: string;
        };
        /**
         * EntrypointFields
         * @description The versioned content (the body of a modification draft and of ``{id}:lint``).
         */
        EntrypointFields: {
            /**
             * Artifactgraph
             * @description YAML: the artifact outputs.
             * @default
             */
            artifactGraph: string;
            /** Artifactparameters */
            artifactParameters?: components["schemas"]["ArtifactParameterIn"][];
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /** Parameters */
            parameters?: components["schemas"]["ParameterIn"][];
            /**
             * Queues
             * @description Queue ids (replaced).
             */
            queues?: number[];
            /**
             * Taskgraph
             * @description YAML: the steps of the task graph.
             */
            taskGraph: string;
        };
        /** EntrypointFieldsDraftModification */
        EntrypointFieldsDraftModification: {
            resourceData: components["schemas"]["EntrypointFields"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** EntrypointIdsBody */
        EntrypointIdsBody: {
            /** Ids */
            ids: number[];
        };
        /** EntrypointOut */
        EntrypointOut: {
            /** Artifactgraph */
            artifactGraph: string;
            /** Artifactparameters */
            artifactParameters: {
                [key: string]: unknown;
            }[];
            /** Artifactplugins */
            artifactPlugins: components["schemas"]["BoundPluginOut"][];
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Parameters */
            parameters: components["schemas"]["ParameterOut"][];
            /** Plugins */
            plugins: components["schemas"]["BoundPluginOut"][];
            /** Queues */
            queues?: components["schemas"]["LinkedRefOut"][] | null;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            /** Taskgraph */
            taskGraph: string;
            user: components["schemas"]["UserRefOut"];
            /**
             * Warnings
             * @description Ours, in create and PUT responses only, and only when there are any: findings that did not stop the save but will stop a job (an artifact task no attached artifact plugin registers).
             */
            warnings?: components["schemas"]["IssueOut"][] | null;
        };
        /** EntrypointPage */
        EntrypointPage: {
            /** Data */
            data: components["schemas"]["EntrypointOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** EntrypointPutBody */
        EntrypointPutBody: {
            /**
             * Artifactgraph
             * @description YAML: the artifact outputs.
             * @default
             */
            artifactGraph: string;
            /** Artifactparameters */
            artifactParameters?: components["schemas"]["ArtifactParameterIn"][];
            /**
             * Artifactpluginsnapshotids
             * @description Every artifact plugin to keep bound: its bound or latest snapshot id.
             */
            artifactPluginSnapshotIds: number[];
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /** Parameters */
            parameters?: components["schemas"]["ParameterIn"][];
            /**
             * Pluginsnapshotids
             * @description Every task plugin to keep bound: its bound or latest snapshot id.
             */
            pluginSnapshotIds: number[];
            /**
             * Queues
             * @description Queue ids (replaced).
             */
            queues?: number[];
            /**
             * Taskgraph
             * @description YAML: the steps of the task graph.
             */
            taskGraph: string;
        };
        /**
         * ErrorBody
         * @description Dioptra's error body: every domain error, 401/403/404/405/409/413/422/423.
         */
        ErrorBody: {
            /**
             * Detail
             * @description Machine-readable specifics.
             */
            detail: {
                [key: string]: unknown;
            };
            /**
             * Error
             * @description The error's class name, e.g. EntityDoesNotExistError.
             */
            error: string;
            /**
             * Message
             * @description The status phrase and what went wrong.
             */
            message: string;
            /**
             * Originating Path
             * @description Path and query of the request.
             */
            originating_path: string;
        };
        /** ExperimentCreateBody */
        ExperimentCreateBody: {
            /** Description */
            description?: string | null;
            /**
             * Entrypoints
             * @description Entrypoint ids to link.
             */
            entrypoints?: number[];
            /**
             * Group
             * @description Id of the group that will own the experiment.
             */
            group: number;
            /** Name */
            name: string;
        };
        /** ExperimentCreateBodyDraftFields */
        ExperimentCreateBodyDraftFields: {
            /** Description */
            description?: string | null;
            /**
             * Entrypoints
             * @description Entrypoint ids to link.
             */
            entrypoints?: number[];
            /** Name */
            name: string;
        };
        /** ExperimentModifyBody */
        ExperimentModifyBody: {
            /** Description */
            description?: string | null;
            /**
             * Entrypoints
             * @description Replaces the linked entrypoints (omitted: none).
             */
            entrypoints?: number[];
            /** Name */
            name: string;
        };
        /** ExperimentModifyBodyDraftModification */
        ExperimentModifyBodyDraftModification: {
            resourceData: components["schemas"]["ExperimentModifyBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** ExperimentOut */
        ExperimentOut: {
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            /** Entrypoints */
            entrypoints?: components["schemas"]["LinkedRefOut"][] | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            user: components["schemas"]["UserRefOut"];
        };
        /** ExperimentPage */
        ExperimentPage: {
            /** Data */
            data: components["schemas"]["ExperimentOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** FileDraftModification */
        FileDraftModification: {
            resourceData: components["schemas"]["PluginFileBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** FunctionTaskIn */
        FunctionTaskIn: {
            /** Inputparams */
            inputParams?: components["schemas"]["InputParamIn"][];
            /**
             * Name
             * @description The function's name.
             */
            name: string;
            /** Outputparams */
            outputParams?: components["schemas"]["OutputParamIn"][];
        };
        /** GroupCreateBody */
        GroupCreateBody: {
            /** Name */
            name: string;
        };
        /** GroupOut */
        GroupOut: {
            /** Createdon */
            createdOn: string;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Members */
            members: components["schemas"]["MemberOut"][];
            /** Name */
            name: string;
            user: components["schemas"]["UserRefOut"] | null;
        };
        /** GroupPage */
        GroupPage: {
            /** Data */
            data: components["schemas"]["GroupOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** GroupRefOut */
        GroupRefOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Url */
            url: string;
        };
        /** HealthOut */
        HealthOut: {
            /** Status */
            status: string;
            /** Version */
            version: string;
        };
        /** HeartbeatBody */
        HeartbeatBody: {
            /**
             * Jobs
             * @description Ids of the jobs it is running.
             */
            jobs?: number[];
            /**
             * Queues
             * @description Queue names it serves ("*": every queue).
             */
            queues?: string[];
            /**
             * Worker
             * @description The worker's id (any stable name, e.g. host-pid).
             */
            worker: string;
        };
        /** HeartbeatOut */
        HeartbeatOut: {
            /**
             * Cancel
             * @description Jobs to stop now (cancelled, ended or deleted).
             */
            cancel: number[];
        };
        /** ImportChangesOut */
        ImportChangesOut: {
            /** Entrypoints */
            entrypoints: {
                [key: string]: "created" | "updated" | "replaced";
            };
            /** Plugin Param Types */
            plugin_param_types: {
                [key: string]: "created" | "updated" | "replaced";
            };
            /** Plugins */
            plugins: {
                [key: string]: "created" | "updated" | "replaced";
            };
        };
        /** ImportedResourcesOut */
        ImportedResourcesOut: {
            /** Entrypoints */
            entrypoints: {
                [key: string]: number;
            };
            /** Plugin Param Types */
            plugin_param_types: {
                [key: string]: number;
            };
            /** Plugins */
            plugins: {
                [key: string]: number;
            };
        };
        /** ImportWarningOut */
        ImportWarningOut: {
            /** Entrypoint */
            entrypoint: string;
            /** Message */
            message: string;
            /** Path */
            path: string;
        };
        /** InputParamIn */
        InputParamIn: {
            /** Name */
            name: string;
            /**
             * Parametertype
             * @description Id of a plugin parameter type.
             */
            parameterType: number;
            /**
             * Required
             * @default true
             */
            required: boolean;
        };
        /**
         * IssueOut
         * @description A finding about an entrypoint: ``path`` is ``entrypoint`` or ``graph``.
         */
        IssueOut: {
            /** Message */
            message: string;
            /** Path */
            path: string;
        };
        /** JobCreateBody */
        JobCreateBody: {
            /** Artifactvalues */
            artifactValues?: {
                [key: string]: components["schemas"]["ArtifactValueBody"];
            } | null;
            /** Description */
            description?: string | null;
            /** Entrypoint */
            entrypoint: number;
            /** Entrypointsnapshot */
            entrypointSnapshot?: number | null;
            /** Queue */
            queue: number;
            /** Swaps */
            swaps?: components["schemas"]["SwapChoiceBody"][];
            /**
             * Timeout
             * @default 24h
             */
            timeout: string;
            /**
             * Values
             * @description Parameter values, all as strings (as Dioptra takes them).
             */
            values?: {
                [key: string]: string;
            } | null;
        };
        /** JobMetricsOut */
        JobMetricsOut: {
            /** Id */
            id: number;
            /** Metrics */
            metrics: components["schemas"]["MetricOut"][];
        };
        /** JobMetricsPage */
        JobMetricsPage: {
            /** Data */
            data: components["schemas"]["JobMetricsOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** JobOut */
        JobOut: {
            /** Artifacts */
            artifacts?: components["schemas"]["ArtifactRefOut"][] | null;
            /** Artifactvalues */
            artifactValues: {
                [key: string]: components["schemas"]["ArtifactValueOut"];
            };
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            entrypoint: components["schemas"]["SnapshotRefOut"] | null;
            experiment: components["schemas"]["SnapshotRefOut"] | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            queue: components["schemas"]["SnapshotRefOut"] | null;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Status */
            status: string;
            /** Statusmessage */
            statusMessage: string | null;
            /** Swaps */
            swaps: components["schemas"]["JobSwapOut"][];
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            /** Timeout */
            timeout: string;
            user: components["schemas"]["UserRefOut"];
            /** Values */
            values: {
                [key: string]: string;
            };
        };
        /** JobPage */
        JobPage: {
            /** Data */
            data: components["schemas"]["JobOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** JobStatusOut */
        JobStatusOut: {
            /** Id */
            id: number;
            /** Status */
            status: string;
        };
        /** JobSwapOut */
        JobSwapOut: {
            /** Pluginfileresourcesnapshotid */
            pluginFileResourceSnapshotId: number;
            /** Swapname */
            swapName: string;
            /** Taskalias */
            taskAlias: string;
            /** Taskname */
            taskName: string;
        };
        /**
         * JsonDecodeErrorBody
         * @description 400 for a body that is not JSON.
         */
        JsonDecodeErrorBody: {
            /** Message */
            message: string;
        };
        /** LinkedRefOut */
        LinkedRefOut: {
            /** Deleted */
            deleted: boolean;
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Name */
            name: string | null;
            /** Url */
            url: string;
        };
        /** LintOut */
        LintOut: {
            /** Issues */
            issues: components["schemas"]["IssueOut"][];
            /** Valid */
            valid: boolean;
            /**
             * Warnings
             * @description Ours, only when there are any: findings that do not make the graph invalid but will stop a job (an artifact task no attached artifact plugin registers).
             */
            warnings?: components["schemas"]["IssueOut"][] | null;
        };
        /** LoginBody */
        LoginBody: {
            /** Password */
            password: string;
            /** Username */
            username: string;
        };
        /** LoginOut */
        LoginOut: {
            /** Status */
            status: string;
            /** Username */
            username: string;
        };
        /** LogoutOut */
        LogoutOut: {
            /** Everywhere */
            everywhere: boolean;
            /** Status */
            status: string;
            /** Username */
            username: string;
        };
        /** LogRecordBody */
        LogRecordBody: {
            /** Loggername */
            loggerName: string;
            /** Message */
            message: string;
            /**
             * Severity
             * @enum {string}
             */
            severity: "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";
        };
        /** LogRecordOut */
        LogRecordOut: {
            /** Createdon */
            createdOn: string;
            /** Loggername */
            loggerName: string;
            /** Message */
            message: string;
            /** Severity */
            severity: string;
        };
        /** LogRecordPage */
        LogRecordPage: {
            /** Data */
            data: components["schemas"]["LogRecordOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** LogRecordsBody */
        LogRecordsBody: {
            /** Data */
            data: components["schemas"]["LogRecordBody"][];
        };
        /** MemberBody */
        MemberBody: {
            /**
             * Admin
             * @default false
             */
            admin: boolean;
            /**
             * Read
             * @default true
             */
            read: boolean;
            /**
             * Shareread
             * @default false
             */
            shareRead: boolean;
            /**
             * Sharewrite
             * @default false
             */
            shareWrite: boolean;
            /** User */
            user: number;
            /**
             * Write
             * @default false
             */
            write: boolean;
        };
        /** MemberOut */
        MemberOut: {
            group: components["schemas"]["GroupRefOut"];
            permissions: components["schemas"]["PermissionsOut"];
            user: components["schemas"]["UserRefOut"];
        };
        /** MetricBody */
        MetricBody: {
            /** Name */
            name: string;
            /**
             * Step
             * @default 0
             */
            step: number;
            /** Timestamp */
            timestamp?: string | null;
            /**
             * Value
             * @description A number, or "nan", "inf", "-inf".
             */
            value: number | ("nan" | "inf" | "-inf");
        };
        /** MetricOut */
        MetricOut: {
            /** Name */
            name: string;
            /** Value */
            value: number | string;
        };
        /** MetricSnapshotOut */
        MetricSnapshotOut: {
            /** Name */
            name: string;
            /** Step */
            step: number;
            /** Timestamp */
            timestamp: string;
            /** Value */
            value: number | string;
        };
        /** MetricSnapshotPage */
        MetricSnapshotPage: {
            /** Data */
            data: components["schemas"]["MetricSnapshotOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** MlflowRunBody */
        MlflowRunBody: {
            /**
             * Mlflowrunid
             * Format: uuid
             */
            mlflowRunId: string;
        };
        /** MlflowRunOut */
        MlflowRunOut: {
            /** Mlflowrunid */
            mlflowRunId: string | null;
        };
        /** ModelCreateBody */
        ModelCreateBody: {
            /** Description */
            description?: string | null;
            /**
             * Group
             * @description Id of the group that will own the model.
             */
            group: number;
            /** Name */
            name: string;
        };
        /** ModelCreateBodyDraftFields */
        ModelCreateBodyDraftFields: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
        };
        /** ModelModifyBody */
        ModelModifyBody: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
        };
        /** ModelModifyBodyDraftModification */
        ModelModifyBodyDraftModification: {
            resourceData: components["schemas"]["ModelModifyBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** ModelOut */
        ModelOut: {
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            latestVersion: components["schemas"]["VersionOut"] | null;
            /** Name */
            name: string;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            user: components["schemas"]["UserRefOut"];
            /** Versions */
            versions: components["schemas"]["VersionRefOut"][];
        };
        /** ModelPage */
        ModelPage: {
            /** Data */
            data: components["schemas"]["ModelOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** ModelRefOut */
        ModelRefOut: {
            /** Deleted */
            deleted: boolean;
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Name */
            name: string | null;
            /** Url */
            url: string;
        };
        /** NewTokenOut */
        NewTokenOut: {
            /** Createdon */
            createdOn: string;
            /** Expireson */
            expiresOn: string | null;
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Token */
            token: string;
        };
        /** OutputParamIn */
        OutputParamIn: {
            /** Name */
            name: string;
            /**
             * Parametertype
             * @description Id of a plugin parameter type.
             */
            parameterType: number;
        };
        /** ParameterIn */
        ParameterIn: {
            /**
             * Defaultvalue
             * @description String form, coerced to the type.
             */
            defaultValue?: string | null;
            /** Name */
            name: string;
            /**
             * Parametertype
             * @enum {string}
             */
            parameterType: "string" | "float" | "integer" | "boolean" | "list" | "mapping";
        };
        /** ParameterOut */
        ParameterOut: {
            /** Defaultvalue */
            defaultValue: string | null;
            /** Name */
            name: string;
            /** Parametertype */
            parameterType: string;
        };
        /** ParameterTypeCreateBody */
        ParameterTypeCreateBody: {
            /** Description */
            description?: string | null;
            /**
             * Group
             * @description Id of the group that will own the type.
             */
            group: number;
            /** Name */
            name: string;
            /**
             * Structure
             * @description Task-engine type definition; null for a simple type.
             */
            structure?: {
                [key: string]: unknown;
            } | null;
        };
        /** ParameterTypeCreateBodyDraftFields */
        ParameterTypeCreateBodyDraftFields: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /**
             * Structure
             * @description Task-engine type definition; null for a simple type.
             */
            structure?: {
                [key: string]: unknown;
            } | null;
        };
        /** ParameterTypeModifyBody */
        ParameterTypeModifyBody: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /** Structure */
            structure?: {
                [key: string]: unknown;
            } | null;
        };
        /** ParameterTypeModifyBodyDraftModification */
        ParameterTypeModifyBodyDraftModification: {
            resourceData: components["schemas"]["ParameterTypeModifyBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** ParameterTypeOut */
        ParameterTypeOut: {
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Structure */
            structure: {
                [key: string]: unknown;
            } | null;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            user: components["schemas"]["UserRefOut"];
        };
        /** ParameterTypePage */
        ParameterTypePage: {
            /** Data */
            data: components["schemas"]["ParameterTypeOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** PasswordChangeBody */
        PasswordChangeBody: {
            /** Confirmnewpassword */
            confirmNewPassword: string;
            /** Newpassword */
            newPassword: string;
            /** Oldpassword */
            oldPassword: string;
        };
        /** PermissionsOut */
        PermissionsOut: {
            /** Admin */
            admin: boolean;
            /** Owner */
            owner: boolean;
            /** Read */
            read: boolean;
            /** Shareread */
            shareRead: boolean;
            /** Sharewrite */
            shareWrite: boolean;
            /** Write */
            write: boolean;
        };
        /** PluginCreateBody */
        PluginCreateBody: {
            /** Description */
            description?: string | null;
            /**
             * Group
             * @description Id of the group that will own the plugin.
             */
            group: number;
            /**
             * Name
             * @description A Python identifier: the plugin is imported by it.
             */
            name: string;
        };
        /** PluginCreateBodyDraftFields */
        PluginCreateBodyDraftFields: {
            /** Description */
            description?: string | null;
            /**
             * Name
             * @description A Python identifier: the plugin is imported by it.
             */
            name: string;
        };
        /** PluginFileBody */
        PluginFileBody: {
            /** Contents */
            contents: string;
            /** Description */
            description?: string | null;
            /** Filename */
            filename: string;
            tasks?: components["schemas"]["TasksIn"];
        };
        /** PluginFileEntryOut */
        PluginFileEntryOut: {
            /** Filename */
            filename: string;
            /** Id */
            id: number;
            /** Snapshotid */
            snapshotId: number;
            /** Tasks */
            tasks: {
                [key: string]: unknown;
            };
            /** Url */
            url: string;
        };
        /** PluginFileOut */
        PluginFileOut: {
            /** Contents */
            contents: string;
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            /** Filename */
            filename: string;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Plugin */
            plugin?: {
                [key: string]: unknown;
            } | null;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            /** Tasks */
            tasks: {
                [key: string]: unknown;
            };
            user: components["schemas"]["UserRefOut"];
        };
        /** PluginFilePage */
        PluginFilePage: {
            /** Data */
            data: components["schemas"]["PluginFileOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** PluginFileRefOut */
        PluginFileRefOut: {
            /** Deleted */
            deleted: boolean;
            /** Filename */
            filename: string;
            /** Group */
            group: {
                [key: string]: unknown;
            };
            /** Id */
            id: number;
            /** Plugin */
            plugin: number;
            /** Tasks */
            tasks: {
                [key: string]: unknown;
            };
            /** Url */
            url: string;
        };
        /** PluginIdsBody */
        PluginIdsBody: {
            /** Plugins */
            plugins?: number[];
        };
        /** PluginModifyBody */
        PluginModifyBody: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
        };
        /** PluginModifyBodyDraftModification */
        PluginModifyBodyDraftModification: {
            resourceData: components["schemas"]["PluginModifyBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** PluginOut */
        PluginOut: {
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            /** Files */
            files: components["schemas"]["PluginFileRefOut"][];
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            user: components["schemas"]["UserRefOut"];
        };
        /** PluginPage */
        PluginPage: {
            /** Data */
            data: components["schemas"]["PluginOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** QueueCreateBody */
        QueueCreateBody: {
            /** Description */
            description?: string | null;
            /**
             * Group
             * @description Id of the group that will own the queue.
             */
            group: number;
            /** Name */
            name: string;
        };
        /** QueueCreateBodyDraftFields */
        QueueCreateBodyDraftFields: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
        };
        /** QueueIdsBody */
        QueueIdsBody: {
            /** Ids */
            ids: number[];
        };
        /** QueueModifyBody */
        QueueModifyBody: {
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
        };
        /** QueueModifyBodyDraftModification */
        QueueModifyBodyDraftModification: {
            resourceData: components["schemas"]["QueueModifyBody"];
            /** Resourcesnapshot */
            resourceSnapshot: number;
        };
        /** QueueOut */
        QueueOut: {
            /** Createdon */
            createdOn: string;
            /** Deleted */
            deleted: boolean;
            /** Description */
            description: string | null;
            group: components["schemas"]["GroupRefOut"];
            /** Hasdraft */
            hasDraft?: boolean | null;
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Latestsnapshot */
            latestSnapshot: boolean;
            /** Name */
            name: string;
            /** Snapshot */
            snapshot: number;
            /** Snapshotcreatedon */
            snapshotCreatedOn: string;
            /** Tags */
            tags: components["schemas"]["TagRefOut"][];
            user: components["schemas"]["UserRefOut"];
        };
        /** QueuePage */
        QueuePage: {
            /** Data */
            data: components["schemas"]["QueueOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /**
         * RequestErrorsBody
         * @description 400 for a body or query that fails validation: messages by field.
         */
        RequestErrorsBody: {
            /**
             * Errors
             * @description Field name -> messages (nested for items).
             */
            errors: {
                [key: string]: unknown;
            };
            /**
             * Message
             * @description Present when a query value is unparsable.
             * @default null
             */
            message: string | null;
        };
        /** ResourceImportOut */
        ResourceImportOut: {
            /** @description Ours: what happened to each resource, by name: created, updated (a new snapshot, --strategy update) or replaced (deleted and created, overwrite). */
            changes: components["schemas"]["ImportChangesOut"];
            /**
             * Hash
             * @description sha256 of the upload, or the commit id of the repository.
             */
            hash: string;
            /** Message */
            message: string;
            resources: components["schemas"]["ImportedResourcesOut"];
            /**
             * Warnings
             * @description Ours: the imported entrypoints' save warnings (an artifact task no attached artifact plugin registers: the import succeeds, jobs are refused).
             */
            warnings: components["schemas"]["ImportWarningOut"][];
        };
        /** SignatureAnalysisBody */
        SignatureAnalysisBody: {
            /** Pythoncode */
            pythonCode: string;
        };
        /** SnapshotRefOut */
        SnapshotRefOut: {
            /** Deleted */
            deleted: boolean;
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Name */
            name: string | null;
            /** Snapshotid */
            snapshotId: number;
            /** Url */
            url: string;
        };
        /** StatusBody */
        StatusBody: {
            /**
             * Logs
             * @description Ours: log records appended before the status changes, in the same transaction (a worker's last batch, saving it a request).
             */
            logs?: components["schemas"]["LogRecordBody"][];
            /**
             * Message
             * @description Why (ours): shown as the job's statusMessage.
             */
            message?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "started" | "deferred" | "finished" | "failed" | "cancelled" | "timeout" | "reset";
        };
        /** StatusOut */
        StatusOut: {
            /** Id */
            id?: number[] | null;
            /** Status */
            status: string;
        };
        /** strPage */
        strPage: {
            /** Data */
            data: string[];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /**
         * SwapChoiceBody
         * @description Snake_case keys, as 1.2 takes them (camelCase is an unknown field).
         */
        SwapChoiceBody: {
            /** Swap Name */
            swap_name: string;
            /** Task Alias */
            task_alias: string;
        };
        /** SwapChoiceOut */
        SwapChoiceOut: {
            /** Entrypointkeywordargs */
            entrypointKeywordArgs: string[];
            /** Pluginfileresourcesnapshotid */
            pluginFileResourceSnapshotId: number;
            /** Swapname */
            swapName: string;
            /** Taskalias */
            taskAlias: string;
            /** Taskname */
            taskName: string;
        };
        /** TagCreateBody */
        TagCreateBody: {
            /** Group */
            group: number;
            /** Name */
            name: string;
        };
        /** TagIdsBody */
        TagIdsBody: {
            /** Ids */
            ids: number[];
        };
        /** TagModifyBody */
        TagModifyBody: {
            /** Name */
            name: string;
        };
        /** TagOut */
        TagOut: {
            /** Createdon */
            createdOn: string;
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Lastmodifiedon */
            lastModifiedOn: string;
            /** Name */
            name: string;
            user: components["schemas"]["UserRefOut"];
        };
        /** TagPage */
        TagPage: {
            /** Data */
            data: components["schemas"]["TagOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** TagRefOut */
        TagRefOut: {
            group: components["schemas"]["GroupRefOut"];
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Url */
            url: string;
        };
        /** TasksIn */
        TasksIn: {
            /** Artifacts */
            artifacts?: components["schemas"]["ArtifactTaskIn"][];
            /** Functions */
            functions?: components["schemas"]["FunctionTaskIn"][];
        };
        /** TokenCreateBody */
        TokenCreateBody: {
            /** Expiresindays */
            expiresInDays?: number | null;
            /** Name */
            name: string;
        };
        /** TokenOut */
        TokenOut: {
            /** Createdon */
            createdOn: string;
            /** Expireson */
            expiresOn: string | null;
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** TokenPage */
        TokenPage: {
            /** Data */
            data: components["schemas"]["TokenOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** UploadOut */
        UploadOut: {
            /** Artifacturi */
            artifactUri: string;
            /** Filesize */
            fileSize: number;
            /** Isdir */
            isDir: boolean;
            /** Sha256 */
            sha256: string;
        };
        /** UserCreateBody */
        UserCreateBody: {
            /** Confirmpassword */
            confirmPassword: string;
            /** Email */
            email: string;
            /** Password */
            password: string;
            /** Username */
            username: string;
        };
        /** UserDeleteBody */
        UserDeleteBody: {
            /** Password */
            password: string;
        };
        /** UserModifyBody */
        UserModifyBody: {
            /** Email */
            email: string;
            /** Username */
            username: string;
        };
        /** UserOut */
        UserOut: {
            /** Email */
            email: string;
            /** Id */
            id: number;
            /** Username */
            username: string;
        };
        /** UserPage */
        UserPage: {
            /** Data */
            data: components["schemas"]["UserOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** UserRefOut */
        UserRefOut: {
            /** Id */
            id: number;
            /** Url */
            url: string;
            /** Username */
            username: string;
        };
        /** VersionCreateBody */
        VersionCreateBody: {
            /**
             * Artifact
             * @description Id of the artifact this version is.
             */
            artifact: number;
            /** Description */
            description?: string | null;
        };
        /** VersionModifyBody */
        VersionModifyBody: {
            /** Description */
            description?: string | null;
        };
        /** VersionOut */
        VersionOut: {
            artifact: components["schemas"]["ArtifactRefOut"];
            /** Createdon */
            createdOn: string;
            /** Description */
            description: string | null;
            model: components["schemas"]["ModelRefOut"];
            /** Versionnumber */
            versionNumber: number;
        };
        /** VersionPage */
        VersionPage: {
            /** Data */
            data: components["schemas"]["VersionOut"][];
            /** First */
            first: string;
            /** Index */
            index: number;
            /** Iscomplete */
            isComplete: boolean;
            /** Next */
            next?: string | null;
            /** Prev */
            prev?: string | null;
            /** Totalnumresults */
            totalNumResults: number;
        };
        /** VersionRefOut */
        VersionRefOut: {
            /** Url */
            url: string;
            /** Versionnumber */
            versionNumber: number;
        };
        /** WorkerOut */
        WorkerOut: {
            /** Firstseenon */
            firstSeenOn: string;
            /** Heartbeaton */
            heartbeatOn: string;
            /** Jobs */
            jobs: number[];
            /** Queues */
            queues: string[];
            /** User */
            user: string;
            /** Worker */
            worker: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_artifacts_api_v1_artifacts__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Comma-separated type ids: artifacts whose task outputs exactly these. */
                outputParams?: string | null;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactPage"];
                };
            };
        };
    };
    create_artifact_api_v1_artifacts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArtifactCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactOut"];
                };
            };
        };
    };
    get_artifact_api_v1_artifacts__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactOut"];
                };
            };
        };
    };
    modify_artifact_api_v1_artifacts__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArtifactModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactOut"];
                };
            };
        };
    };
    get_contents_api_v1_artifacts__id__contents_get: {
        parameters: {
            query?: {
                /** @description Archive format of a folder download (default tar_gz). */
                fileType?: ("tar_gz" | "zip") | null;
                /** @description A file or folder inside a folder artifact. */
                path?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_files_api_v1_artifacts__id__files_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactFileOut"][];
                };
            };
        };
    };
    list_snapshots_api_v1_artifacts__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_artifacts__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtifactOut"];
                };
            };
        };
    };
    get_snapshot_contents_api_v1_artifacts__id__snapshots__snapshotId__contents_get: {
        parameters: {
            query?: {
                /** @description Archive format of a folder download (default tar_gz). */
                fileType?: ("tar_gz" | "zip") | null;
                /** @description A file or folder inside a folder artifact. */
                path?: string | null;
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    login_api_v1_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginOut"];
                };
            };
        };
    };
    logout_api_v1_auth_logout_post: {
        parameters: {
            query?: {
                /** @description End every session of the user. */
                everywhere?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoutOut"];
                };
            };
        };
    };
    lint_new_api_v1_entrypoints_lint_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LintOut"];
                };
            };
        };
    };
    list_resources_api_v1_entrypoints__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                showDeleted?: boolean;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointPage"];
                };
            };
        };
    };
    create_entrypoint_api_v1_entrypoints__post: {
        parameters: {
            query?: {
                validateOnly?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointOut"];
                };
            };
        };
    };
    get_resource_api_v1_entrypoints__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointOut"];
                };
            };
        };
    };
    modify_entrypoint_api_v1_entrypoints__id__put: {
        parameters: {
            query?: {
                validateOnly?: boolean;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointPutBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointOut"];
                };
            };
        };
    };
    delete_resource_api_v1_entrypoints__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    lint_existing_api_v1_entrypoints__id__lint_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LintOut"];
                };
            };
        };
    };
    get_artifact_plugins_api_v1_entrypoints__id__artifactPlugins_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"][];
                };
            };
        };
    };
    append_artifact_plugins_api_v1_entrypoints__id__artifactPlugins_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArtifactPluginIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"][];
                };
            };
        };
    };
    get_artifact_plugin_api_v1_entrypoints__id__artifactPlugins__artifactPluginId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactPluginId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"];
                };
            };
        };
    };
    remove_artifact_plugin_api_v1_entrypoints__id__artifactPlugins__artifactPluginId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactPluginId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_entrypoints__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_entrypoints__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointFieldsDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_entrypoints__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_entrypoints__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_plugins_api_v1_entrypoints__id__plugins_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"][];
                };
            };
        };
    };
    append_plugins_api_v1_entrypoints__id__plugins_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"][];
                };
            };
        };
    };
    get_plugin_api_v1_entrypoints__id__plugins__pluginId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                pluginId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"];
                };
            };
        };
    };
    remove_plugin_api_v1_entrypoints__id__plugins__pluginId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                pluginId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_queues_api_v1_entrypoints__id__queues_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    replace_queues_api_v1_entrypoints__id__queues_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    append_queues_api_v1_entrypoints__id__queues_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    remove_queues_api_v1_entrypoints__id__queues_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_queue_api_v1_entrypoints__id__queues__queueId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                queueId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_entrypoints__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_entrypoints__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntrypointOut"];
                };
            };
        };
    };
    get_snapshot_artifact_plugins_api_v1_entrypoints__id__snapshots__snapshotId__artifactPlugins_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoundPluginOut"][];
                };
            };
        };
    };
    get_artifact_plugins_bundle_api_v1_entrypoints__id__snapshots__snapshotId__artifactPlugins_bundle_get: {
        parameters: {
            query?: {
                /** @description Archive format. */
                fileType?: "tar_gz" | "zip";
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_config_api_v1_entrypoints__id__snapshots__snapshotId__config_get: {
        parameters: {
            query?: {
                /** @description Keep unchosen swaps; skip checks. */
                partial?: boolean;
                /** @description Comma-separated sections. */
                sections?: string | null;
                /** @description The task chosen for each swap: swaps[name]=alias. */
                swaps?: {
                    [key: string]: string;
                };
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    get_dynamic_globals_api_v1_entrypoints__id__snapshots__snapshotId__dynamicGlobalParameters_get: {
        parameters: {
            query?: {
                /** @description The task chosen for each swap: swaps[name]=alias. */
                swaps?: {
                    [key: string]: string;
                };
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DynamicGlobalsOut"];
                };
            };
        };
    };
    get_plugins_bundle_api_v1_entrypoints__id__snapshots__snapshotId__plugins_bundle_get: {
        parameters: {
            query?: {
                /** @description Archive format. */
                fileType?: "tar_gz" | "zip";
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_swaps_api_v1_entrypoints__id__snapshots__snapshotId__swaps_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SwapChoiceOut"][];
                };
            };
        };
    };
    get_tags_api_v1_entrypoints__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_entrypoints__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_entrypoints__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_entrypoints__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_entrypoints__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_drafts_api_v1_entrypoints_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_entrypoints_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_entrypoints_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_entrypoints_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_entrypoints_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_resources_api_v1_experiments__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                showDeleted?: boolean;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentPage"];
                };
            };
        };
    };
    create_resource_api_v1_experiments__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentOut"];
                };
            };
        };
    };
    get_resource_api_v1_experiments__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentOut"];
                };
            };
        };
    };
    modify_resource_api_v1_experiments__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentOut"];
                };
            };
        };
    };
    delete_resource_api_v1_experiments__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_experiments__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_experiments__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentModifyBodyDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_experiments__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_experiments__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_entrypoints_api_v1_experiments__id__entrypoints_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    replace_entrypoints_api_v1_experiments__id__entrypoints_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    append_entrypoints_api_v1_experiments__id__entrypoints_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntrypointIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRefOut"][];
                };
            };
        };
    };
    remove_entrypoints_api_v1_experiments__id__entrypoints_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_entrypoint_api_v1_experiments__id__entrypoints__entrypointId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entrypointId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_jobs_api_v1_experiments__id__jobs_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
        };
    };
    create_job_api_v1_experiments__id__jobs_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    get_job_api_v1_experiments__id__jobs__jobId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    delete_job_api_v1_experiments__id__jobs__jobId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_mlflow_run_api_v1_experiments__id__jobs__jobId__mlflowRun_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowRunOut"];
                };
            };
        };
    };
    set_mlflow_run_api_v1_experiments__id__jobs__jobId__mlflowRun_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MlflowRunBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowRunOut"];
                };
            };
        };
    };
    get_status_api_v1_experiments__id__jobs__jobId__status_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatusOut"];
                };
            };
        };
    };
    put_status_api_v1_experiments__id__jobs__jobId__status_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                jobId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatusOut"];
                };
            };
        };
    };
    experiment_metrics_api_v1_experiments__id__metrics_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobMetricsPage"];
                };
            };
        };
    };
    list_snapshots_api_v1_experiments__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_experiments__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentOut"];
                };
            };
        };
    };
    get_tags_api_v1_experiments__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_experiments__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_experiments__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_experiments__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_experiments__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_drafts_api_v1_experiments_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_experiments_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_experiments_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_experiments_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_experiments_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_groups_api_v1_groups__get: {
        parameters: {
            query?: {
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupPage"];
                };
            };
        };
    };
    create_group_api_v1_groups__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupOut"];
                };
            };
        };
    };
    get_group_api_v1_groups__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupOut"];
                };
            };
        };
    };
    list_members_api_v1_groups__id__members_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"][];
                };
            };
        };
    };
    set_member_api_v1_groups__id__members_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"];
                };
            };
        };
    };
    remove_member_api_v1_groups__id__members__userId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_jobs_api_v1_jobs__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
        };
    };
    get_job_api_v1_jobs__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    delete_job_api_v1_jobs__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_artifact_parameters_api_v1_jobs__id__artifactParameters_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    upload_artifact_api_v1_jobs__id__artifactUploads_post: {
        parameters: {
            query: {
                /** @description The file's (or folder's) base name. */
                filename: string;
                /** @description The body is a tar stream of a folder's contents. */
                isDir?: boolean;
                /** @description The artifact output's name (a folder under the job). */
                name: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadOut"];
                };
            };
        };
    };
    cancel_job_api_v1_jobs__id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    claim_job_api_v1_jobs__id__claim_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimOut"];
                };
            };
        };
    };
    get_config_api_v1_jobs__id__config_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    job_events_api_v1_jobs__id__events_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_log_api_v1_jobs__id__log_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Only these severities. */
                severity?: ("DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL")[];
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogRecordPage"];
                };
            };
        };
    };
    post_log_api_v1_jobs__id__log_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogRecordsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogRecordOut"][];
                };
            };
        };
    };
    get_metrics_api_v1_jobs__id__metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricOut"][];
                };
            };
        };
    };
    post_metric_api_v1_jobs__id__metrics_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MetricBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricOut"];
                };
            };
        };
    };
    get_metric_history_api_v1_jobs__id__metrics__name__snapshots_get: {
        parameters: {
            query?: {
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricSnapshotPage"];
                };
            };
        };
    };
    get_mlflow_run_api_v1_jobs__id__mlflowRun_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowRunOut"];
                };
            };
        };
    };
    set_mlflow_run_api_v1_jobs__id__mlflowRun_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MlflowRunBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlflowRunOut"];
                };
            };
        };
    };
    get_parameters_api_v1_jobs__id__parameters_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rerun_job_api_v1_jobs__id__rerun_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_jobs__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_jobs__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
                };
            };
        };
    };
    get_status_api_v1_jobs__id__status_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatusOut"];
                };
            };
        };
    };
    put_status_api_v1_jobs__id__status_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatusOut"];
                };
            };
        };
    };
    get_tags_api_v1_jobs__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_jobs__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_jobs__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_jobs__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_jobs__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_resources_api_v1_models__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelPage"];
                };
            };
        };
    };
    create_resource_api_v1_models__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelOut"];
                };
            };
        };
    };
    get_model_api_v1_models__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelOut"];
                };
            };
        };
    };
    modify_resource_api_v1_models__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelOut"];
                };
            };
        };
    };
    delete_resource_api_v1_models__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_models__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_models__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelModifyBodyDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_models__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_models__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_models__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_models__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelOut"];
                };
            };
        };
    };
    get_tags_api_v1_models__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_models__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_models__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_models__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_models__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_versions_api_v1_models__id__versions_get: {
        parameters: {
            query?: {
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
        };
    };
    create_version_api_v1_models__id__versions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
                };
            };
        };
    };
    get_version_api_v1_models__id__versions__versionNumber__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                versionNumber: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
                };
            };
        };
    };
    modify_version_api_v1_models__id__versions__versionNumber__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                versionNumber: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
                };
            };
        };
    };
    list_drafts_api_v1_models_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_models_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_models_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_models_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_models_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_resources_api_v1_pluginParameterTypes__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                showDeleted?: boolean;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypePage"];
                };
            };
        };
    };
    create_resource_api_v1_pluginParameterTypes__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypeOut"];
                };
            };
        };
    };
    get_resource_api_v1_pluginParameterTypes__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypeOut"];
                };
            };
        };
    };
    modify_resource_api_v1_pluginParameterTypes__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypeOut"];
                };
            };
        };
    };
    delete_resource_api_v1_pluginParameterTypes__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_pluginParameterTypes__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_pluginParameterTypes__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeModifyBodyDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_pluginParameterTypes__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_pluginParameterTypes__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_pluginParameterTypes__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypePage"];
                };
            };
        };
    };
    get_snapshot_api_v1_pluginParameterTypes__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParameterTypeOut"];
                };
            };
        };
    };
    get_tags_api_v1_pluginParameterTypes__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_pluginParameterTypes__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_pluginParameterTypes__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_pluginParameterTypes__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_pluginParameterTypes__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_drafts_api_v1_pluginParameterTypes_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_pluginParameterTypes_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_pluginParameterTypes_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_pluginParameterTypes_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParameterTypeCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_pluginParameterTypes_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_resources_api_v1_plugins__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginPage"];
                };
            };
        };
    };
    create_resource_api_v1_plugins__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginOut"];
                };
            };
        };
    };
    get_resource_api_v1_plugins__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginOut"];
                };
            };
        };
    };
    modify_resource_api_v1_plugins__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginOut"];
                };
            };
        };
    };
    delete_resource_api_v1_plugins__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_plugins__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_plugins__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginModifyBodyDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_plugins__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_plugins__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_files_api_v1_plugins__id__files_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFilePage"];
                };
            };
        };
    };
    create_file_api_v1_plugins__id__files_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginFileBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFileOut"];
                };
            };
        };
    };
    delete_all_files_api_v1_plugins__id__files_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_file_api_v1_plugins__id__files__fileId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFileOut"];
                };
            };
        };
    };
    modify_file_api_v1_plugins__id__files__fileId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginFileBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFileOut"];
                };
            };
        };
    };
    delete_file_api_v1_plugins__id__files__fileId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_file_modification_draft_api_v1_plugins__id__files__fileId__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_file_modification_draft_api_v1_plugins__id__files__fileId__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_file_modification_draft_api_v1_plugins__id__files__fileId__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginFileBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_file_modification_draft_api_v1_plugins__id__files__fileId__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_file_snapshots_api_v1_plugins__id__files__fileId__snapshots_get: {
        parameters: {
            query?: {
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                search?: string | null;
            };
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFilePage"];
                };
            };
        };
    };
    get_file_snapshot_api_v1_plugins__id__files__fileId__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginFileOut"];
                };
            };
        };
    };
    get_file_tags_api_v1_plugins__id__files__fileId__tags__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_file_tags_api_v1_plugins__id__files__fileId__tags__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_file_tags_api_v1_plugins__id__files__fileId__tags__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_file_tags_api_v1_plugins__id__files__fileId__tags__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_file_tag_api_v1_plugins__id__files__fileId__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fileId: number;
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_file_drafts_api_v1_plugins__id__files_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_file_draft_api_v1_plugins__id__files_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginFileBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_file_draft_api_v1_plugins__id__files_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_file_draft_api_v1_plugins__id__files_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginFileBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_file_draft_api_v1_plugins__id__files_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_plugins__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginPage"];
                };
            };
        };
    };
    get_snapshot_api_v1_plugins__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PluginOut"];
                };
            };
        };
    };
    get_files_bundle_api_v1_plugins__id__snapshots__snapshotId__files_bundle_get: {
        parameters: {
            query?: {
                /** @description Archive format. */
                fileType?: "tar_gz" | "zip";
            };
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_tags_api_v1_plugins__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_plugins__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_plugins__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_plugins__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_plugins__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_drafts_api_v1_plugins_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_plugins_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_plugins_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_plugins_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PluginCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_plugins_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_resources_api_v1_queues__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                showDeleted?: boolean;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePage"];
                };
            };
        };
    };
    create_resource_api_v1_queues__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueOut"];
                };
            };
        };
    };
    get_resource_api_v1_queues__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueOut"];
                };
            };
        };
    };
    modify_resource_api_v1_queues__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueOut"];
                };
            };
        };
    };
    delete_resource_api_v1_queues__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_resource_draft_api_v1_queues__id__draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_resource_draft_api_v1_queues__id__draft_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueModifyBodyDraftModification"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    create_resource_draft_api_v1_queues__id__draft_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_resource_draft_api_v1_queues__id__draft_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_snapshots_api_v1_queues__id__snapshots_get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePage"];
                };
            };
        };
    };
    get_snapshot_api_v1_queues__id__snapshots__snapshotId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                snapshotId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueOut"];
                };
            };
        };
    };
    get_tags_api_v1_queues__id__tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    replace_tags_api_v1_queues__id__tags_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    append_tags_api_v1_queues__id__tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIdsBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRefOut"][];
                };
            };
        };
    };
    remove_all_tags_api_v1_queues__id__tags_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    remove_tag_api_v1_queues__id__tags__tagId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                tagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_drafts_api_v1_queues_drafts__get: {
        parameters: {
            query?: {
                draftType?: "all" | "existing" | "new";
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPage"];
                };
            };
        };
    };
    create_draft_api_v1_queues_drafts__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    get_draft_api_v1_queues_drafts__draftId__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    modify_draft_api_v1_queues_drafts__draftId__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueCreateBodyDraftFields"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftOut"];
                };
            };
        };
    };
    delete_draft_api_v1_queues_drafts__draftId__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                draftId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_tags_api_v1_tags__get: {
        parameters: {
            query?: {
                descending?: boolean;
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
                /** @description Field to sort by. */
                sortBy?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagPage"];
                };
            };
        };
    };
    create_tag_api_v1_tags__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
        };
    };
    get_tag_api_v1_tags__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
        };
    };
    rename_tag_api_v1_tags__id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
        };
    };
    delete_tag_api_v1_tags__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    tagged_resources_api_v1_tags__id__resources__get: {
        parameters: {
            query?: {
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                resourceType?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["strPage"];
                };
            };
        };
    };
    list_users_api_v1_users__get: {
        parameters: {
            query?: {
                /** @description Only items of this group. */
                groupId?: number | null;
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
                /** @description Dioptra search terms. */
                search?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
        };
    };
    register_api_v1_users__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentUserOut"];
                };
            };
        };
    };
    get_user_api_v1_users__id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
        };
    };
    change_password_api_v1_users__id__password_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    get_current_api_v1_users_current_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentUserOut"];
                };
            };
        };
    };
    modify_current_api_v1_users_current_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserModifyBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentUserOut"];
                };
            };
        };
    };
    delete_current_api_v1_users_current_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserDeleteBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    change_current_password_api_v1_users_current_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_tokens_api_v1_users_current_tokens_get: {
        parameters: {
            query?: {
                /** @description Offset of the first item. */
                index?: number;
                /** @description Items per page. */
                pageLength?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPage"];
                };
            };
        };
    };
    create_token_api_v1_users_current_tokens_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenCreateBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewTokenOut"];
                };
            };
        };
    };
    revoke_token_api_v1_users_current_tokens__id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    list_workers_api_v1_workers__get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerOut"][];
                };
            };
        };
    };
    heartbeat_api_v1_workers_heartbeat_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HeartbeatBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeartbeatOut"];
                };
            };
        };
    };
    commit_draft_api_v1_workflows_draftCommit__id__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusOut"];
                };
            };
        };
    };
    plugin_task_signature_analysis_api_v1_workflows_pluginTaskSignatureAnalysis_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignatureAnalysisBody"];
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    resource_import_api_v1_workflows_resourceImport_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description A tar, tar.gz or zip archive of the project.
                     */
                    archiveFile?: string;
                    /** @default dioptra.toml */
                    configPath?: string;
                    /** @description The project's files; each file name is its path relative to the project root. */
                    files?: string[];
                    /** @description https://github.com/o/r or https://gitlab.com/p, optionally #branch, tag or commit. */
                    gitUrl?: string;
                    /** @description Group that will own them. */
                    group: number;
                    /**
                     * @default fail
                     * @enum {string}
                     */
                    resolveNameConflictsStrategy?: "fail" | "update" | "overwrite";
                    /** @enum {string} */
                    sourceType: "git" | "upload_archive" | "upload_files";
                };
            };
        };
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceImportOut"];
                };
            };
        };
    };
    health_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Client error: Dioptra's error body, or field errors for bad input */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["RequestErrorsBody"] | components["schemas"]["JsonDecodeErrorBody"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthOut"];
                };
            };
        };
    };
}
