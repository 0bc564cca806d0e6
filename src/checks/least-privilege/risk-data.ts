/**
 * Risk catalogues: cloudsplaining's 59 privilege-escalation methods (Rhino Security Labs + DataDog pathfinding.cloud,
 * salesforce/cloudsplaining PRIVILEGE_ESCALATION_METHODS), gate-specific single-permission paths, the
 * credential-returning actions (ACTIONS_THAT_RETURN_CREDENTIALS with the `gamelist` typo fixed), data-exfiltration
 * actions, and the defense-evasion / infrastructure-modification sets. Action names are lower case, as upstream.
 */

export interface EscalationMethod {
  name: string;
  actions: string[];
  source: 'rhino' | 'pathfinding' | 'gate';
}

function m(source: EscalationMethod['source'], name: string, ...actions: string[]): EscalationMethod {
  return { name, actions, source };
}

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  // Rhino Security Labs (22)
  m('rhino', 'CreateAccessKey', 'iam:createaccesskey'),
  m('rhino', 'CreateLoginProfile', 'iam:createloginprofile'),
  m('rhino', 'UpdateLoginProfile', 'iam:updateloginprofile'),
  m('rhino', 'AddUserToGroup', 'iam:addusertogroup'),
  m('rhino', 'CreateNewPolicyVersion', 'iam:createpolicyversion'),
  m('rhino', 'SetExistingDefaultPolicyVersion', 'iam:setdefaultpolicyversion'),
  m('rhino', 'AttachUserPolicy', 'iam:attachuserpolicy'),
  m('rhino', 'AttachGroupPolicy', 'iam:attachgrouppolicy'),
  m('rhino', 'AttachRolePolicy', 'iam:attachrolepolicy'),
  m('rhino', 'PutUserPolicy', 'iam:putuserpolicy'),
  m('rhino', 'PutGroupPolicy', 'iam:putgrouppolicy'),
  m('rhino', 'PutRolePolicy', 'iam:putrolepolicy'),
  m('rhino', 'UpdateRolePolicyToAssumeIt', 'iam:updateassumerolepolicy'),
  m('rhino', 'CreateEC2WithExistingIP', 'iam:passrole', 'ec2:runinstances'),
  m('rhino', 'PassExistingRoleToNewLambdaThenInvoke', 'iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'),
  m('rhino', 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo', 'iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping', 'dynamodb:createtable', 'dynamodb:putitem'),
  m('rhino', 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', 'iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping'),
  m('rhino', 'PassExistingRoleToNewGlueDevEndpoint', 'iam:passrole', 'glue:createdevendpoint'),
  m('rhino', 'PassExistingRoleToCloudFormation', 'iam:passrole', 'cloudformation:createstack'),
  m('rhino', 'PassExistingRoleToNewDataPipeline', 'iam:passrole', 'datapipeline:createpipeline'),
  m('rhino', 'UpdateExistingGlueDevEndpoint', 'glue:updatedevendpoint'),
  m('rhino', 'EditExistingLambdaFunctionWithRole', 'lambda:updatefunctioncode'),
  // DataDog pathfinding.cloud (37)
  m('pathfinding', 'AccessExistingBedrockCodeInterpreterSession', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'),
  m('pathfinding', 'ExecuteCloudFormationChangeSet', 'cloudformation:createchangeset', 'cloudformation:executechangeset'),
  m('pathfinding', 'ModifyEC2InstanceUserDataThenRestart', 'ec2:modifyinstanceattribute', 'ec2:stopinstances', 'ec2:startinstances'),
  m('pathfinding', 'ModifyExistingEC2LaunchTemplate', 'ec2:createlaunchtemplateversion', 'ec2:modifylaunchtemplate'),
  m('pathfinding', 'EC2InstanceConnectSendSSHPublicKey', 'ec2-instance-connect:sendsshpublickey', 'ec2:describeinstances'),
  m('pathfinding', 'ECSExecuteCommandOnRunningTask', 'ecs:executecommand', 'ecs:describetasks'),
  m('pathfinding', 'UpdateAndInvokeLambdaFunction', 'lambda:updatefunctioncode', 'lambda:invokefunction'),
  m('pathfinding', 'UpdateLambdaFunctionAndAddPermission', 'lambda:updatefunctioncode', 'lambda:addpermission'),
  m('pathfinding', 'CreatePresignedSageMakerNotebookUrl', 'sagemaker:createpresignednotebookinstanceurl'),
  m('pathfinding', 'UpdateSageMakerNotebookLifecycleConfig', 'sagemaker:createnotebookinstancelifecycleconfig', 'sagemaker:stopnotebookinstance', 'sagemaker:updatenotebookinstance', 'sagemaker:startnotebookinstance'),
  m('pathfinding', 'PassExistingRoleToNewAppRunnerService', 'iam:passrole', 'apprunner:createservice'),
  m('pathfinding', 'PassExistingRoleToNewBedrockCodeInterpreter', 'iam:passrole', 'bedrock-agentcore:createcodeinterpreter', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'),
  m('pathfinding', 'PassExistingRoleToNewCloudFormationStackSet', 'iam:passrole', 'cloudformation:createstackset', 'cloudformation:createstackinstances'),
  m('pathfinding', 'PassRoleToUpdateCloudFormationStackSet', 'iam:passrole', 'cloudformation:updatestackset'),
  m('pathfinding', 'PassExistingRoleToNewCodeBuildProjectThenBuild', 'iam:passrole', 'codebuild:createproject', 'codebuild:startbuild'),
  m('pathfinding', 'PassExistingRoleToNewCodeBuildProjectThenBuildBatch', 'iam:passrole', 'codebuild:createproject', 'codebuild:startbuildbatch'),
  m('pathfinding', 'PassExistingRoleToNewEC2SpotInstance', 'iam:passrole', 'ec2:requestspotinstances'),
  m('pathfinding', 'PassExistingRoleToNewECSClusterServiceTask', 'iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:createservice'),
  m('pathfinding', 'PassExistingRoleToNewECSClusterRunTask', 'iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:runtask'),
  m('pathfinding', 'PassExistingRoleToNewECSService', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:createservice'),
  m('pathfinding', 'PassExistingRoleToNewECSTaskViaRunTask', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:runtask'),
  m('pathfinding', 'PassExistingRoleToNewECSTaskViaStartTask', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:starttask'),
  m('pathfinding', 'PassExistingRoleToNewGlueJobThenRun', 'iam:passrole', 'glue:createjob', 'glue:startjobrun'),
  m('pathfinding', 'PassExistingRoleToNewGlueJobViaTrigger', 'iam:passrole', 'glue:createjob', 'glue:createtrigger'),
  m('pathfinding', 'PassExistingRoleToUpdatedGlueJobThenRun', 'iam:passrole', 'glue:updatejob', 'glue:startjobrun'),
  m('pathfinding', 'PassExistingRoleToUpdatedGlueJobViaTrigger', 'iam:passrole', 'glue:updatejob', 'glue:createtrigger'),
  m('pathfinding', 'PassExistingRoleToNewLambdaThenAddPermission', 'iam:passrole', 'lambda:createfunction', 'lambda:addpermission'),
  m('pathfinding', 'PassExistingRoleToNewSageMakerNotebookInstance', 'iam:passrole', 'sagemaker:createnotebookinstance'),
  m('pathfinding', 'PassExistingRoleToNewSageMakerTrainingJob', 'iam:passrole', 'sagemaker:createtrainingjob'),
  m('pathfinding', 'PassExistingRoleToNewSageMakerProcessingJob', 'iam:passrole', 'sagemaker:createprocessingjob'),
  m('pathfinding', 'CreateAndRotateAccessKey', 'iam:createaccesskey', 'iam:deleteaccesskey'),
  m('pathfinding', 'AttachUserPolicyThenCreateAccessKey', 'iam:attachuserpolicy', 'iam:createaccesskey'),
  m('pathfinding', 'CreatePolicyVersionThenAssumeRole', 'iam:createpolicyversion', 'sts:assumerole'),
  m('pathfinding', 'PutUserPolicyThenCreateAccessKey', 'iam:putuserpolicy', 'iam:createaccesskey'),
  m('pathfinding', 'AttachRolePolicyThenUpdateAssumeRolePolicy', 'iam:attachrolepolicy', 'iam:updateassumerolepolicy'),
  m('pathfinding', 'CreatePolicyVersionThenUpdateAssumeRolePolicy', 'iam:createpolicyversion', 'iam:updateassumerolepolicy'),
  m('pathfinding', 'PutRolePolicyThenUpdateAssumeRolePolicy', 'iam:putrolepolicy', 'iam:updateassumerolepolicy'),
  // gate: further single-permission and PassRole paths (PMapper edges, policy_sentry's list)
  m('gate', 'DeleteOrReplaceRolePermissionsBoundary', 'iam:deleterolepermissionsboundary'),
  m('gate', 'DeleteOrReplaceUserPermissionsBoundary', 'iam:deleteuserpermissionsboundary'),
  m('gate', 'UpdateLambdaConfigurationWithLayer', 'lambda:updatefunctionconfiguration'),
  m('gate', 'RunCommandOnInstances', 'ssm:sendcommand'),
  m('gate', 'StartSessionOnInstances', 'ssm:startsession'),
  m('gate', 'PassRoleToInstanceProfileOfRunningInstance', 'iam:passrole', 'ec2:associateiaminstanceprofile'),
  m('gate', 'PassRoleToNewAutoScalingLaunchConfiguration', 'iam:passrole', 'autoscaling:createlaunchconfiguration', 'autoscaling:createautoscalinggroup'),
  m('gate', 'UpdateCodeBuildProjectThenBuild', 'codebuild:updateproject', 'codebuild:startbuild'),
  // an existing stack's service role acts for whoever updates the stack: no iam:PassRole needed (pathfinding.cloud
  // cloudformation-002; iam-vulnerable's UpdateStack path)
  m('gate', 'UpdateExistingCloudFormationStackWithItsServiceRole', 'cloudformation:updatestack'),
  // a Bedrock agent runs with the agent resource role passed at creation (iam-vulnerable / pathfinding bedrock paths)
  m('gate', 'PassExistingRoleToNewBedrockAgentThenInvoke', 'iam:passrole', 'bedrock:createagent', 'bedrock:prepareagent', 'bedrock:invokeagent'),
];

/** ACTIONS_THAT_RETURN_CREDENTIALS (45), `gamelist` fixed to `gamelift`. */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'airflow:createclitoken', 'airflow:createweblogintoken', 'appsync:createapikey', 'chime:createapikey',
  'cloud9:createenvironmenttoken', 'codeartifact:getauthorizationtoken', 'codepipeline:pollforjobs',
  'cognito-identity:getopenidtoken', 'cognito-identity:getopenidtokenfordeveloperidentity',
  'cognito-identity:getcredentialsforidentity', 'cognito-idp:getsigningcertificate', 'connect:getfederationtoken',
  'connect:getfederationtokens', 'ec2:getpassworddata', 'ecr:getauthorizationtoken', 'ecr-public:getauthorizationtoken',
  'emr-containers:getmanagedendpointsessioncredentials', 'finspace-api:getprogrammaticaccesscredentials',
  'gamelift:requestuploadcredentials', 'gamelift:getinstanceaccess', 'gamelift:getcomputeaccess',
  'gamelift:getcomputeauthtoken', 'grafana:createworkspaceapikey', 'iam:createaccesskey', 'iam:createloginprofile',
  'iam:createservicespecificcredential', 'iam:resetservicespecificcredential', 'iam:updateaccesskey',
  'license-manager:getaccesstoken', 'lightsail:getinstanceaccessdetails', 'lightsail:downloaddefaultkeypair',
  'lightsail:createbucketaccesskey', 'lightsail:getrelationaldatabasemasteruserpassword',
  'mediapackage:rotatechannelcredentials', 'mediapackage:rotateingestendpointcredentials', 'rds-db:connect',
  'redshift:getclustercredentials', 'redshift:getclustercredentialswithiam', 'redshift-serverless:getcredentials',
  'sso:getrolecredentials', 'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity',
  'sts:getfederationtoken', 'sts:getsessiontoken',
];

/** Read actions that return data or secrets (cloudsplaining DataExfiltration, plus secrets/parameters/keys). */
export const EXFILTRATION_ACTIONS: readonly string[] = [
  's3:getobject', 's3:getobjectversion', 'ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath',
  'ssm:getparameterhistory', 'secretsmanager:getsecretvalue', 'secretsmanager:batchgetsecretvalue', 'kms:decrypt',
  'dynamodb:scan', 'dynamodb:getitem', 'dynamodb:batchgetitem', 'dynamodb:query', 'rds:downloaddblogfileportion',
];

/** Disabling or tampering with logging and detection. */
export const DEFENSE_EVASION_ACTIONS: readonly string[] = [
  'cloudtrail:stoplogging', 'cloudtrail:deletetrail', 'cloudtrail:updatetrail', 'cloudtrail:puteventselectors',
  'cloudtrail:putinsightselectors', 'cloudtrail:deleteeventdatastore', 'cloudtrail:stopeventdatastoreingestion',
  'guardduty:deletedetector', 'guardduty:updatedetector', 'guardduty:disassociatefrommasteraccount',
  'guardduty:disassociatefromadministratoraccount', 'guardduty:deletemembers', 'guardduty:disassociatemembers',
  'guardduty:stopmonitoringmembers', 'guardduty:createfilter', 'guardduty:updatefilter', 'guardduty:createipset',
  'guardduty:updateipset', 'guardduty:deletepublishingdestination',
  'config:stopconfigurationrecorder', 'config:deleteconfigurationrecorder', 'config:deletedeliverychannel',
  'config:deleteconfigrule', 'config:deleteconformancepack', 'config:deleteorganizationconfigrule',
  'securityhub:disablesecurityhub', 'securityhub:batchdisablestandards', 'securityhub:deletemembers',
  'securityhub:disassociatemembers', 'securityhub:disassociatefromadministratoraccount',
  'securityhub:disassociatefrommasteraccount', 'securityhub:disableimportfindingsforproduct',
  'securityhub:updatestandardscontrol', 'securityhub:deleteinsight',
  'access-analyzer:deleteanalyzer', 'detective:deletegraph', 'detective:disassociatemembership',
  'macie2:disablemacie', 'inspector2:disable', 'logs:deleteloggroup', 'logs:deletelogstream',
  'logs:putretentionpolicy', 'logs:deletesubscriptionfilter', 'ec2:deleteflowlogs',
];

/** Changes to the network perimeter and to data copies outside the account's control. */
export const INFRASTRUCTURE_ACTIONS: readonly string[] = [
  'ec2:authorizesecuritygroupingress', 'ec2:authorizesecuritygroupegress', 'ec2:revokesecuritygroupingress',
  'ec2:modifysecuritygrouprules', 'ec2:createroute', 'ec2:replaceroute', 'ec2:deleteroute',
  'ec2:createinternetgateway', 'ec2:attachinternetgateway', 'ec2:createvpcpeeringconnection',
  'ec2:acceptvpcpeeringconnection', 'ec2:createnetworkaclentry', 'ec2:replacenetworkaclentry',
  'ec2:deletenetworkaclentry', 'ec2:modifyinstanceattribute', 'ec2:modifysnapshotattribute',
  'ec2:modifyimageattribute', 'ec2:createsnapshot', 'ec2:copysnapshot', 'ec2:terminateinstances',
  'ec2:deletevpc', 'ec2:createtransitgatewayvpcattachment', 'ec2:associateaddress', 'ec2:allocateaddress',
  'rds:copydbsnapshot', 'rds:createdbsnapshot', 'rds:modifydbsnapshotattribute', 'rds:modifydbinstance',
  'rds:deletedbinstance', 'rds:restoredbinstancefromdbsnapshot', 'route53:changeresourcerecordsets',
  'route53:deletehostedzone', 'elasticloadbalancing:modifylistener', 'elasticloadbalancing:createlistener',
  'cloudfront:updatedistribution', 'lambda:addpermission', 'lambda:createfunctionurlconfig',
  'apigateway:put', 'apigateway:patch', 'eks:updateclusterconfig', 'kms:schedulekeydeletion',
  'kms:disablekey', 's3:deletebucket', 's3:putbucketpublicaccessblock', 's3:putaccountpublicaccessblock',
  'backup:deletebackupvault', 'backup:deleterecoverypoint',
];

/**
 * Actions that change who may use a resource by changing an attribute its policies decide on, not the policy text:
 * AWS KMS key policies and grants allow by alias (`kms:ResourceAliases`) and by tag (`aws:ResourceTag`), so creating,
 * moving or deleting an alias, or tagging a key, on every key is permissions management (AWS KMS developer guide,
 * "ABAC for AWS KMS": these permissions should be treated as sensitive as key policy changes).
 */
export const ACCESS_ATTRIBUTE_ACTIONS: readonly string[] = [
  'kms:createalias', 'kms:updatealias', 'kms:deletealias', 'kms:tagresource', 'kms:untagresource',
];

export function lowerSet(list: readonly string[]): Set<string> {
  return new Set(list.map((a) => a.toLowerCase()));
}
