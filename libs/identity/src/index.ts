export * from './auth/auth.service';
export * from './auth/login-throttle';
export * from './auth/password-hasher';
export * from './demo/identity-demo.seeder';
export * from './identity.module';
export * from './organizations/organization.service';
export * from './roles';
export * from './users/user.service';
