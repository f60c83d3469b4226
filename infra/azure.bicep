// Azure resources for Reverse Mentoring: one Linux App Service (Node 24 LTS) that serves the API
// and the tab, PostgreSQL flexible server, Key Vault (RBAC) for secrets, Application Insights on
// a Log Analytics workspace. Deployed by `teamsapp provision` (arm/deploy in teamsapp.yml) or by
// `az deployment group create` (docs/admin-guide.md). Output names are the environment variables
// the Teams app tooling writes to env/.env.<env>; infra-consistency.test.ts keeps them in step.

@description('Letters and digits appended to resource names. Empty: derived from the resource group id.')
@maxLength(12)
param resourceSuffix string = ''

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Entra app (client) id: the audience of Teams SSO tokens and the identity the API uses for Microsoft Graph.')
param aadAppClientId string

@description('Entra tenant id of the app and of the users who sign in.')
param aadAppTenantId string

@description('Client secret of the Entra app. Stored in Key Vault only; the web app reads it through a Key Vault reference.')
@secure()
param aadAppClientSecret string

@description('App Service plan size. B1 suits a pilot; use P0v3 or larger for production (more memory, zone redundancy, slots).')
param appServiceSku string = 'B1'

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'rmadmin'

@description('PostgreSQL administrator password. Stored in Key Vault inside DATABASE_URL.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL major version.')
param postgresVersion string = '16'

@description('Allow connections to PostgreSQL from Azure services (the web app). Set false when you put the server on a private network.')
param allowAzureServicesToPostgres bool = true

@description('Microsoft Graph endpoint the API calls.')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Days Log Analytics keeps application logs and telemetry.')
param logRetentionDays int = 30

var baseName = 'rm${empty(resourceSuffix) ? uniqueString(resourceGroup().id) : toLower(resourceSuffix)}'
var databaseName = 'reverse_mentoring'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance serves any request (state lives in PostgreSQL): no ARR affinity cookie, so a
    // scale-out spreads callers evenly and a lost instance strands nobody.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      // The deployed folder keeps the repository layout (api/, tab/dist); the bin runs api/dist.
      appCommandLine: 'node api/bin/reverse-mentoring.js start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${baseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'Entra app client secret'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${baseName}-pg'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
    // Public access limited by the firewall rule below. For private access, deploy the server
    // into a delegated subnet (network.delegatedSubnetResourceId) and add VNet integration to
    // the web app; see docs/admin-guide.md.
    network: { publicNetworkAccess: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "Azure services" (any Azure tenant's outbound
// addresses), not the internet; the password and TLS still apply.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (allowAzureServicesToPostgres) {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgresql://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
    contentType: 'PostgreSQL connection string'
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// A child resource rather than siteConfig.appSettings: TAB_DOMAIN needs the site's own host name,
// and the Key Vault references resolve only once the role assignment exists.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [webAppReadsSecrets]
  properties: {
    NODE_ENV: 'production'
    DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrl.properties.secretUri})'
    GRAPH_BASE_URL: graphBaseUrl
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_TENANT_ID: aadAppTenantId
    AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${clientSecret.properties.secretUri})'
    TAB_DOMAIN: webApp.properties.defaultHostName
    // Graph's change and lifecycle notifications come here: it must be public and HTTPS.
    PUBLIC_BASE_URL: 'https://${webApp.properties.defaultHostName}'
    LOG_LEVEL: logLevel
    // App Service's front end is the one proxy before the app; it appends the caller's address.
    TRUST_PROXY: '1'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
}

output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output API_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output PUBLIC_BASE_URL string = 'https://${webApp.properties.defaultHostName}'
output TAB_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output KEY_VAULT_NAME string = keyVault.name
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
